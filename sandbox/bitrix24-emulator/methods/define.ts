import type { z } from 'zod';
import type { EventBus } from '../events.js';
import type { Portal } from '../portal.js';
import type { Runtime } from '../runtime.js';

export type Scope =
  | 'basic'
  | 'imopenlines'
  | 'imconnector'
  | 'im'
  | 'crm'
  | 'messageservice'
  | 'bizproc'
  | 'placement'
  | 'user'
  | 'department';

export interface CallContext {
  portal: Portal;
  events: EventBus;
  runtime: Runtime;
  method: string;
  userId: number;
  auth: 'oauth' | 'webhook';
}

/**
 * One REST method: its scope, its documented parameters (a strict schema: anything else is refused),
 * how top-level keys are matched (`any-case` for classic methods, `exact` for the newer ones such as
 * crm.timeline.comment.add), and who may call it.
 */
export interface MethodDef<S extends z.ZodObject = z.ZodObject> {
  scope: Scope;
  params: S;
  keys?: 'any-case' | 'exact';
  /** Rewrites the raw params before validation (imconnector lower-cases everything inside MESSAGES). */
  prepare?: (raw: Record<string, unknown>) => Record<string, unknown>;
  /** Refused for webhooks: imconnector answers WRONG_AUTH_TYPE, others "Application context required". */
  appContext?: 'WRONG_AUTH_TYPE' | 'ACCESS_DENIED';
  admin?: boolean;
  /** How a missing required argument is reported (D7 controllers answer error "100"). */
  missing?: 'argument' | 'd7';
  run(params: z.output<S>, ctx: CallContext): unknown | Promise<unknown>;
}

export const method = <S extends z.ZodObject>(def: MethodDef<S>): MethodDef => def as unknown as MethodDef;

export type MethodTable = Record<string, MethodDef>;
