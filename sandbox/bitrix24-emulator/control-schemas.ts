import { z } from 'zod';
import { FAULT_KINDS } from './limits.js';

const document = z.tuple([z.string(), z.string(), z.string()]);
const file = z.object({ name: z.string().min(1), base64: z.string(), mime: z.string().optional() });

/** Bodies of the control API (JSON). */
export const controlSchemas = {
  install: z.object({ mode: z.enum(['event', 'page', 'both']).optional(), userId: z.number().int().positive().optional(), url: z.url().optional() }),
  uninstall: z.object({ clean: z.boolean().optional() }),
  reply: z.object({ userId: z.number().int().positive().optional(), text: z.string().optional(), files: z.array(file).optional() }),
  system: z.object({ text: z.string().min(1) }),
  edit: z.object({ text: z.string().min(1) }),
  line: z.object({ name: z.string().min(1), crmCreate: z.enum(['lead', 'none']).optional() }),
  turnOff: z.object({ connector: z.string().min(1) }),
  user: z.object({ name: z.string().min(1), lastName: z.string().optional(), admin: z.boolean().optional(), departments: z.array(z.number().int()).optional(), active: z.boolean().optional() }),
  sms: z.object({
    code: z.string().min(1),
    phone: z.string().min(1),
    text: z.string().min(1),
    source: z.enum(['crm', 'bizproc', 'mailing']).default('crm'),
    userId: z.number().int().positive().optional(),
    ownerTypeId: z.number().int().positive().optional(),
    ownerId: z.number().int().positive().optional(),
    moduleId: z.string().min(1).optional(),
    documentId: document.optional(),
  }),
  robot: z.object({ code: z.string().min(1), properties: z.record(z.string(), z.unknown()).optional(), documentId: document.optional(), userId: z.number().int().positive().optional() }),
  config: z.object({
    tokenTtlSeconds: z.number().int().positive().optional(),
    rate: z.object({ enabled: z.boolean().optional(), limit: z.number().positive().optional(), drainPerSecond: z.number().nonnegative().optional() }).optional(),
    echo: z.object({ system: z.boolean().optional(), operator: z.boolean().optional() }).optional(),
    mailingModuleId: z.string().min(1).optional(),
  }),
  fault: z.object({ method: z.string().min(1), kind: z.enum(FAULT_KINDS), count: z.number().int().positive().optional() }),
  clock: z.object({ advanceSeconds: z.number().positive() }),
  webhook: z.object({ userId: z.number().int().positive().optional() }),
  placement: z.object({ connector: z.string().min(1), line: z.number().int().positive(), userId: z.number().int().positive().optional() }),
};

export type ControlInput<K extends keyof typeof controlSchemas> = z.input<(typeof controlSchemas)[K]>;
