import { z } from 'zod';
import { errors } from '../errors.js';
import type { Connector } from '../state.js';
import { method, type CallContext, type MethodTable } from './define.js';
import { flag, int, required, str } from './params.js';

/** imconnector.* upper-cases top-level keys and lower-cases every key inside MESSAGES [src]. */
export function upperTopKeys(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key.toUpperCase(), key.toUpperCase() === 'MESSAGES' ? lowerKeysDeep(value) : value]));
}

function lowerKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeysDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeysDeep(v)]));
  return value;
}

const icon = z.strictObject({ DATA_IMAGE: str.optional(), COLOR: str.optional(), SIZE: str.optional(), POSITION: str.optional() });
const FLAG_DEFAULTS = {
  DEL_EXTERNAL_MESSAGES: true,
  EDIT_INTERNAL_MESSAGES: true,
  DEL_INTERNAL_MESSAGES: true,
  NEWSLETTER: true,
  NEED_SYSTEM_MESSAGES: true,
  NEED_SIGNATURE: true,
  CHAT_GROUP: false,
} as const;
const flags = Object.fromEntries(Object.keys(FLAG_DEFAULTS).map((key) => [key, flag.optional()])) as Record<keyof typeof FLAG_DEFAULTS, z.ZodOptional<typeof flag>>;

const nested = (error: string, description: string) => ({ result: false, error, error_description: description });

/** A connector of this app, or the error send.messages and friends give for any other id. */
export function ownConnector(ctx: CallContext, id: string): Connector {
  const connector = ctx.runtime.lines.connector(id.toLowerCase());
  if (!connector) throw errors.invalid('IMCONNECTOR_NO_CORRECT_PROVIDER', `Connector ${id} is not registered by this application`);
  return connector;
}

/** The PHP truthiness of ACTIVE: "", "0" and 0 are off, anything else on. */
const phpTruthy = (value: string | number) => value !== '' && value !== '0' && value !== 0;

const BUILT_IN = { livechat: 'Онлайн-чат', telegrambot: 'Telegram', vkgroup: 'ВКонтакте', network: 'Битрикс24.Network' };

export const imconnectorMethods: MethodTable = {
  'imconnector.register': method({
    scope: 'imconnector',
    appContext: 'WRONG_AUTH_TYPE',
    prepare: upperTopKeys,
    params: z.strictObject({
      ID: str.optional(),
      NAME: str.optional(),
      ICON: icon.optional(),
      ICON_DISABLED: icon.optional(),
      PLACEMENT_HANDLER: str.optional(),
      COMMENT: str.optional(),
      ...flags,
    }),
    // Registration answers its own failures inside a 200.
    run(p, ctx) {
      if (!p.ID) return nested('CONNECTOR_ID_REQUIRED', 'Connector ID is required');
      if (p.ID.includes('.')) return nested('APPLICATION_REGISTRATION_ERROR_POINT', 'Connector ID must not contain a dot');
      const id = p.ID.toLowerCase();
      if (!/^[a-z0-9_]+$/.test(id)) return nested('APPLICATION_REGISTRATION_ERROR', 'Connector ID may hold a-z, 0-9 and _ only');
      if (!p.NAME) return nested('NAME_REQUIRED', 'Connector name is required');
      if (!p.ICON?.DATA_IMAGE) return nested('ICON_REQUIRED', 'Connector icon is required');
      if (!p.PLACEMENT_HANDLER) return nested('NO_PLACEMENT_HANDLER', 'Placement handler is required');
      const connectorFlags = Object.fromEntries(
        Object.entries(FLAG_DEFAULTS).map(([key, fallback]) => [key, p[key as keyof typeof FLAG_DEFAULTS] ?? fallback]),
      ) as Connector['flags'];
      ctx.portal.state.connectors[id] = {
        id,
        name: p.NAME,
        placementHandler: p.PLACEMENT_HANDLER,
        icon: p.ICON,
        iconDisabled: p.ICON_DISABLED,
        comment: p.COMMENT,
        flags: connectorFlags,
      };
      ctx.portal.changed();
      return { result: true };
    },
  }),
  'imconnector.unregister': method({
    scope: 'imconnector',
    appContext: 'WRONG_AUTH_TYPE',
    prepare: upperTopKeys,
    params: z.strictObject({ ID: str.optional() }),
    run(p, ctx) {
      const id = (p.ID ?? '').toLowerCase();
      if (!ctx.portal.state.connectors[id]) return nested('APPLICATION_UNREGISTRATION_ERROR', 'Connector is not registered');
      delete ctx.portal.state.connectors[id];
      ctx.portal.state.lineConnectors = ctx.portal.state.lineConnectors.filter((lc) => lc.connector !== id);
      ctx.portal.changed();
      return { result: true };
    },
  }),
  'imconnector.activate': method({
    scope: 'imconnector',
    appContext: 'WRONG_AUTH_TYPE',
    prepare: upperTopKeys,
    params: z.strictObject({ CONNECTOR: required, LINE: int, ACTIVE: z.union([z.string().min(1), z.number()]) }),
    run(p, ctx) {
      const connector = ownConnector(ctx, p.CONNECTOR);
      if (!ctx.portal.state.lines.some((l) => l.id === p.LINE)) throw errors.argument(`Open line ${p.LINE} not found`);
      const lc = ctx.runtime.lines.ensureLineConnector(connector.id, p.LINE);
      lc.active = phpTruthy(p.ACTIVE);
      // Activating again clears an error set with imconnector.set.error (how else to clear it is unknown).
      if (lc.active) lc.error = false;
      ctx.portal.changed();
      return true;
    },
  }),
  'imconnector.status': method({
    scope: 'imconnector',
    appContext: 'WRONG_AUTH_TYPE',
    prepare: upperTopKeys,
    params: z.strictObject({ CONNECTOR: required, LINE: int.optional() }),
    run: (p, ctx) => ctx.runtime.lines.status(p.CONNECTOR.toLowerCase(), p.LINE ?? 0),
  }),
  'imconnector.connector.data.set': method({
    scope: 'imconnector',
    appContext: 'WRONG_AUTH_TYPE',
    prepare: upperTopKeys,
    params: z.strictObject({
      CONNECTOR: required,
      LINE: int,
      DATA: z.strictObject({ ID: str.optional(), URL: str.optional(), URL_IM: str.optional(), NAME: str.optional() }),
    }),
    run(p, ctx) {
      const connector = ownConnector(ctx, p.CONNECTOR);
      if (!ctx.portal.state.lines.some((l) => l.id === p.LINE)) throw errors.argument(`Open line ${p.LINE} not found`);
      const lc = ctx.runtime.lines.ensureLineConnector(connector.id, p.LINE);
      lc.data = { ...p.DATA };
      lc.error = false;
      ctx.portal.changed();
      return true;
    },
  }),
  'imconnector.list': method({
    scope: 'imconnector',
    appContext: 'WRONG_AUTH_TYPE',
    admin: true,
    params: z.strictObject({}),
    run: (_p, ctx) => ({ ...BUILT_IN, ...Object.fromEntries(Object.values(ctx.portal.state.connectors).map((c) => [c.id, c.name])) }),
  }),
  'imconnector.set.error': method({
    scope: 'imconnector',
    appContext: 'WRONG_AUTH_TYPE',
    prepare: upperTopKeys,
    params: z.strictObject({ CONNECTOR: required, LINE: int }),
    run(p, ctx) {
      const connector = ownConnector(ctx, p.CONNECTOR);
      const lc = ctx.runtime.lines.ensureLineConnector(connector.id, p.LINE);
      lc.error = true;
      ctx.portal.changed();
      return { SUCCESS: true, DATA: [] };
    },
  }),
};
