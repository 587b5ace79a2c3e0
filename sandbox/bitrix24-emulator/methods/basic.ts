import { z } from 'zod';
import { paged } from '../envelope.js';
import { errors } from '../errors.js';
import { KNOWN_EVENTS } from '../events.js';
import type { User } from '../state.js';
import { method, type CallContext, type MethodTable } from './define.js';
import { flag, int, map, required, str, url } from './params.js';

const isAdmin = (ctx: CallContext) => ctx.portal.user(ctx.userId)?.admin ?? false;

/** A user as user.get prints it: string ids, UF_DEPARTMENT ints, ACTIVE a real boolean. */
function userView(u: User) {
  return {
    ID: String(u.id),
    XML_ID: '',
    ACTIVE: u.active,
    NAME: u.name,
    LAST_NAME: u.lastName,
    SECOND_NAME: '',
    EMAIL: u.email,
    PERSONAL_GENDER: u.gender,
    WORK_POSITION: u.position,
    UF_DEPARTMENT: u.departments,
    IS_ONLINE: 'N',
    USER_TYPE: u.userType,
  };
}

/** user.get's FILTER: exact fields, the `%` `@` `!` `>=` prefixes on a few of them, and NAME_SEARCH. */
function matches(u: User, filter: Record<string, unknown>): boolean {
  const view = userView(u) as Record<string, unknown>;
  return Object.entries(filter).every(([rawKey, wanted]) => {
    const [, prefix = '', key = ''] = /^(>=|<=|!|@|%|>|<)?(.*)$/.exec(rawKey) ?? [];
    if (key === 'NAME_SEARCH') return `${u.name} ${u.lastName}`.toLowerCase().includes(String(wanted).toLowerCase());
    const actual = key === 'UF_DEPARTMENT' ? u.departments.map(String) : view[key];
    const values = (Array.isArray(wanted) ? wanted : [wanted]).map((v) => String(v));
    const has = (v: unknown) => (Array.isArray(v) ? v.some((x) => values.includes(String(x))) : values.includes(String(v)));
    if (prefix === '%') return String(actual ?? '').toLowerCase().includes(String(wanted).toLowerCase());
    if (prefix === '!') return !has(actual);
    if (prefix === '>=' || prefix === '>' || prefix === '<=' || prefix === '<') {
      const a = Number(actual);
      const w = Number(wanted);
      return prefix === '>=' ? a >= w : prefix === '>' ? a > w : prefix === '<=' ? a <= w : a < w;
    }
    return has(key === 'ACTIVE' ? String(actual) : actual) || (key === 'ACTIVE' && values.includes(u.active ? 'Y' : 'N'));
  });
}

const sortBy = <T>(rows: T[], key: (row: T) => unknown, desc: boolean) =>
  [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return desc ? -cmp : cmp;
  });

export const basicMethods: MethodTable = {
  'app.info': method({
    scope: 'basic',
    params: z.strictObject({}),
    run: (_p, ctx) => ({
      ID: '17',
      CODE: ctx.portal.state.app.clientId,
      VERSION: 1,
      STATUS: 'L',
      INSTALLED: ctx.portal.state.app.installed && ctx.portal.state.app.finished,
      PAYMENT_EXPIRED: 'N',
      DAYS: null,
      LANGUAGE_ID: ctx.portal.state.languageId,
      LICENSE: 'ru_project',
      LICENSE_TYPE: 'project',
      LICENSE_FAMILY: 'project',
    }),
  }),
  profile: method({
    scope: 'basic',
    params: z.strictObject({}),
    run(_p, ctx) {
      const u = ctx.portal.user(ctx.userId);
      if (!u?.active) return [];
      return { ID: String(u.id), ADMIN: u.admin, NAME: u.name, LAST_NAME: u.lastName, PERSONAL_GENDER: u.gender, TIME_ZONE: '' };
    },
  }),
  'user.admin': method({ scope: 'basic', params: z.strictObject({}), run: (_p, ctx) => isAdmin(ctx) }),
  'user.current': method({ scope: 'user', params: z.strictObject({}), run: (_p, ctx) => userView(ctx.portal.user(ctx.userId) as User) }),
  'user.get': method({
    scope: 'user',
    params: z.strictObject({
      sort: str.optional(),
      order: z.enum(['ASC', 'DESC', 'asc', 'desc']).optional(),
      FILTER: map(z.unknown()).optional(),
      ID: str.optional(),
      ADMIN_MODE: flag.optional(),
      start: int.optional(),
    }),
    run(p, ctx) {
      const filter = { ...(p.FILTER ?? {}), ...(p.ID !== undefined && { ID: p.ID }) };
      const rows = ctx.portal.state.users.filter((u) => matches(u, filter));
      const sortKey = (p.sort ?? 'ID').toUpperCase();
      const sorted = sortBy(rows, (u) => (sortKey === 'ID' ? u.id : (userView(u) as Record<string, unknown>)[sortKey]), p.order?.toUpperCase() === 'DESC');
      return paged(sorted.map(userView), p.start);
    },
  }),
  'department.get': method({
    scope: 'department',
    params: z.strictObject({
      sort: str.optional(),
      order: z.enum(['ASC', 'DESC', 'asc', 'desc']).optional(),
      ID: str.optional(),
      NAME: str.optional(),
      PARENT: str.optional(),
      UF_HEAD: str.optional(),
      SORT: str.optional(),
      START: int.optional(),
    }),
    run(p, ctx) {
      const rows = ctx.portal.state.departments
        .filter((d) => (p.ID === undefined || String(d.id) === p.ID) && (p.NAME === undefined || d.name === p.NAME))
        .filter((d) => (p.PARENT === undefined || String(d.parent) === p.PARENT) && (p.UF_HEAD === undefined || String(d.head) === p.UF_HEAD))
        .map((d) => ({ ID: String(d.id), NAME: d.name, SORT: d.sort, PARENT: String(d.parent), UF_HEAD: String(d.head) }));
      return paged(rows, p.START);
    },
  }),
  'event.bind': method({
    scope: 'basic',
    appContext: 'ACCESS_DENIED',
    params: z.strictObject({
      event: required,
      handler: url,
      auth_type: int.optional(),
      event_type: z.enum(['online', 'offline']).optional(),
      auth_connector: str.optional(),
      options: z.unknown().optional(),
    }),
    run(p, ctx) {
      const event = p.event.toUpperCase();
      if (!KNOWN_EVENTS.has(event)) throw errors.invalid('ERROR_EVENT_NOT_FOUND', 'Event not found');
      const offline = p.event_type === 'offline';
      if ((offline || (p.auth_type && p.auth_type !== ctx.userId)) && !isAdmin(ctx)) throw errors.accessDenied('Access denied! Admin rights required');
      const authType = p.auth_type ?? 0;
      const bindings = ctx.portal.state.eventBindings;
      if (bindings.some((b) => b.event === event && b.handler === p.handler && b.authType === authType && b.offline === offline)) {
        throw errors.invalid('ERROR_HANDLER_ALREADY_EXIST', 'Handler already binded');
      }
      bindings.push({ id: ctx.portal.nextId('binding'), event, handler: p.handler, authType, offline });
      ctx.portal.changed();
      return true;
    },
  }),
  'event.unbind': method({
    scope: 'basic',
    appContext: 'ACCESS_DENIED',
    params: z.strictObject({ event: required, handler: str.optional(), auth_type: int.optional(), event_type: z.enum(['online', 'offline']).optional() }),
    run(p, ctx) {
      const event = p.event.toUpperCase();
      const before = ctx.portal.state.eventBindings.length;
      ctx.portal.state.eventBindings = ctx.portal.state.eventBindings.filter(
        (b) =>
          !(
            b.event === event &&
            (p.handler === undefined || b.handler === p.handler) &&
            (p.auth_type === undefined || b.authType === p.auth_type) &&
            (p.event_type === undefined || b.offline === (p.event_type === 'offline'))
          ),
      );
      ctx.portal.changed();
      return { count: before - ctx.portal.state.eventBindings.length };
    },
  }),
  'event.get': method({
    scope: 'basic',
    params: z.strictObject({}),
    run: (_p, ctx) =>
      ctx.portal.state.eventBindings.map((b) => ({ event: b.event, handler: b.handler, auth_type: String(b.authType), offline: b.offline ? 1 : 0 })),
  }),
};
