import { z } from 'zod';
import { errors } from '../errors.js';
import type { Portal } from '../portal.js';
import { method, type MethodTable } from './define.js';
import { localized, required, str } from './params.js';

const PROPERTY_TYPES = ['bool', 'date', 'datetime', 'double', 'file', 'int', 'select', 'string', 'text', 'user'];
const invalid = (text: string) => errors.invalid('ERROR_ACTIVITY_VALIDATION_FAILURE', text);

/** PROPERTIES / RETURN_PROPERTIES: `{key: {Name, Type, ...}}` with `[A-Za-z][A-Za-z0-9_]*` keys. */
function checkProperties(value: unknown): void {
  if (value === undefined) return;
  if (Array.isArray(value) && value.length === 0) return;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid('Wrong properties array!');
  for (const [key, prop] of Object.entries(value)) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) throw invalid(`Wrong property key (${key})!`);
    if (!prop || typeof prop !== 'object') throw invalid('Wrong properties array!');
    const { Name, Type } = prop as Record<string, unknown>;
    if (Name === undefined || Name === '') throw invalid(`Empty property NAME (${key})!`);
    if (Type !== undefined && !PROPERTY_TYPES.includes(String(Type))) throw invalid(`Wrong property TYPE (${key})!`);
  }
}

const robotFields = {
  HANDLER: str.optional(),
  AUTH_USER_ID: str.optional(),
  NAME: localized.optional(),
  DESCRIPTION: localized.optional(),
  USE_SUBSCRIPTION: z.enum(['Y', 'N', '']).optional(),
  PROPERTIES: z.unknown().optional(),
  RETURN_PROPERTIES: z.unknown().optional(),
  DOCUMENT_TYPE: z.unknown().optional(),
  FILTER: z.unknown().optional(),
  USE_PLACEMENT: z.enum(['Y', 'N']).optional(),
  PLACEMENT_HANDLER: str.optional(),
};

/** The handler must be http(s) and on the app's own domain (the product's public URL). */
function checkHandler(portal: Portal, handler: string): void {
  let parsed: URL;
  try {
    parsed = new URL(handler);
  } catch {
    throw errors.invalid('ERROR_WRONG_HANDLER_URL', 'Wrong handler URL!');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw errors.invalid('ERROR_UNSUPPORTED_PROTOCOL', 'Unsupported protocol!');
  const appUrl = portal.options.productUrl;
  if (appUrl && new URL(appUrl).hostname !== parsed.hostname) throw errors.invalid('ERROR_WRONG_HANDLER_URL', 'Handler URL host must match the application domain!');
}

function checkRobot(portal: Portal, fields: Record<string, unknown>, partial: boolean): void {
  if (!partial || fields.HANDLER !== undefined) {
    if (!fields.HANDLER) throw invalid('Empty activity HANDLER!');
    checkHandler(portal, String(fields.HANDLER));
  }
  if (!partial && !fields.NAME) throw invalid('Empty activity NAME!');
  checkProperties(fields.PROPERTIES);
  checkProperties(fields.RETURN_PROPERTIES);
}

export const bizprocMethods: MethodTable = {
  'bizproc.robot.add': method({
    scope: 'bizproc',
    appContext: 'ACCESS_DENIED',
    admin: true,
    params: z.strictObject({ CODE: str.optional(), ...robotFields }),
    run(p, ctx) {
      if (!p.CODE) throw invalid('Empty activity code!');
      if (!/^[A-Za-z0-9._-]+$/.test(p.CODE)) throw invalid('Wrong activity code!');
      const { CODE, ...fields } = p;
      checkRobot(ctx.portal, fields, false);
      if (ctx.portal.state.robots[CODE]) throw errors.invalid('ERROR_ACTIVITY_ALREADY_INSTALLED', 'Activity or Robot already installed!');
      ctx.portal.state.robots[CODE] = { code: CODE, fields };
      ctx.portal.changed();
      return true;
    },
  }),
  'bizproc.robot.update': method({
    scope: 'bizproc',
    appContext: 'ACCESS_DENIED',
    admin: true,
    params: z.strictObject({ CODE: required, FIELDS: z.strictObject(robotFields) }),
    run(p, ctx) {
      const robot = ctx.portal.state.robots[p.CODE];
      if (!robot) throw errors.invalid('ERROR_ACTIVITY_NOT_FOUND', 'Activity or Robot not found!');
      checkRobot(ctx.portal, p.FIELDS, true);
      robot.fields = { ...robot.fields, ...Object.fromEntries(Object.entries(p.FIELDS).filter(([, v]) => v !== undefined)) };
      ctx.portal.changed();
      return true;
    },
  }),
  'bizproc.robot.delete': method({
    scope: 'bizproc',
    appContext: 'ACCESS_DENIED',
    admin: true,
    params: z.strictObject({ CODE: required }),
    run(p, ctx) {
      if (!ctx.portal.state.robots[p.CODE]) throw errors.invalid('ERROR_ACTIVITY_NOT_FOUND', 'Activity or Robot not found!');
      delete ctx.portal.state.robots[p.CODE];
      ctx.portal.changed();
      return true;
    },
  }),
  'bizproc.robot.list': method({
    scope: 'bizproc',
    appContext: 'ACCESS_DENIED',
    params: z.strictObject({}),
    run: (_p, ctx) => Object.keys(ctx.portal.state.robots),
  }),
  'bizproc.event.send': method({
    scope: 'bizproc',
    params: z.strictObject({ EVENT_TOKEN: required, RETURN_VALUES: z.unknown().optional(), LOG_MESSAGE: z.unknown().optional() }),
    run(p, ctx) {
      const run = ctx.portal.state.robotRuns.find((r) => r.eventToken === p.EVENT_TOKEN);
      // Each token is accepted once, and only from a robot that waits (USE_SUBSCRIPTION=Y).
      if (!run || run.completed || !run.useSubscription) throw errors.accessDenied('Access denied!');
      run.completed = { at: ctx.portal.now(), returnValues: p.RETURN_VALUES, logMessage: p.LOG_MESSAGE };
      ctx.portal.changed();
      return true;
    },
  }),
  'bizproc.activity.log': method({
    scope: 'bizproc',
    params: z.strictObject({ EVENT_TOKEN: required, LOG_MESSAGE: required }),
    run(p, ctx) {
      const run = ctx.portal.state.robotRuns.find((r) => r.eventToken === p.EVENT_TOKEN);
      if (!run || run.completed) throw errors.accessDenied('Access denied!');
      run.log.push({ at: ctx.portal.now(), message: p.LOG_MESSAGE });
      ctx.portal.changed();
      return true;
    },
  }),
};
