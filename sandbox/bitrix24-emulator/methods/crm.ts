import { z } from 'zod';
import { addCrmItem, crmView, findByPhone } from '../crm-store.js';
import { RestError } from '../errors.js';
import { method, type MethodTable } from './define.js';
import { int, list, map, positiveInt, required, str } from './params.js';

const VALUE_TYPES = ['WORK', 'MOBILE', 'FAX', 'HOME', 'PAGER', 'MAILING', 'OTHER'] as const;
const phone = z.object({ VALUE: str, VALUE_TYPE: z.enum(VALUE_TYPES).optional() }).loose();
/** Unknown fields are ignored silently by crm.contact.add / crm.lead.add, so `fields` is open. */
const itemFields = z.object({ PHONE: list(phone).optional() }).loose();
const notFound = () => new RestError(400, '', 'Not found');

/** ISO-8601 with an offset, as D7 controllers require for datetimes. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)$/;

export const crmMethods: MethodTable = {
  'crm.duplicate.findbycomm': method({
    scope: 'crm',
    params: z.strictObject({
      type: z.enum(['PHONE', 'EMAIL']),
      values: list(str).pipe(z.array(z.string()).min(1).max(20)),
      entity_type: z.enum(['LEAD', 'CONTACT', 'COMPANY']).optional(),
    }),
    run: (p, ctx) => (p.type === 'EMAIL' ? [] : findByPhone(ctx.portal.state, p.values, p.entity_type)),
  }),
  'crm.contact.add': method({
    scope: 'crm',
    params: z.strictObject({ fields: itemFields, params: map(z.unknown()).optional() }),
    run: (p, ctx) => addCrmItem(ctx.portal, 'contacts', p.fields),
  }),
  'crm.lead.add': method({
    scope: 'crm',
    params: z.strictObject({ fields: itemFields, params: map(z.unknown()).optional() }),
    run: (p, ctx) => addCrmItem(ctx.portal, 'leads', p.fields),
  }),
  'crm.contact.get': method({
    scope: 'crm',
    params: z.strictObject({ id: positiveInt }),
    run(p, ctx) {
      const item = ctx.portal.state.contacts.find((c) => c.id === p.id);
      if (!item) throw notFound();
      return crmView(item, ctx.portal);
    },
  }),
  'crm.lead.get': method({
    scope: 'crm',
    params: z.strictObject({ id: positiveInt }),
    run(p, ctx) {
      const item = ctx.portal.state.leads.find((c) => c.id === p.id);
      if (!item) throw notFound();
      return crmView(item, ctx.portal);
    },
  }),
  'crm.activity.todo.add': method({
    scope: 'crm',
    keys: 'exact',
    missing: 'd7',
    params: z.strictObject({
      ownerTypeId: int,
      ownerId: int,
      deadline: required,
      title: str.optional(),
      description: str.optional(),
      responsibleId: int.optional(),
      parentActivityId: int.optional(),
      pingOffsets: list(int).optional(),
      colorId: str.optional(),
    }),
    run(p, ctx) {
      if (!ISO.test(p.deadline)) throw new RestError(400, 'WRONG_DATETIME_FORMAT', 'Wrong datetime format');
      const owners = p.ownerTypeId === 1 ? ctx.portal.state.leads : p.ownerTypeId === 3 ? ctx.portal.state.contacts : [];
      if (!owners.some((o) => o.id === p.ownerId)) throw new RestError(400, 'OWNER_NOT_FOUND', 'Owner not found');
      const id = ctx.portal.nextId('activity');
      ctx.portal.state.todos.push({ id, params: p, at: ctx.portal.now() });
      ctx.portal.changed();
      return { id };
    },
  }),
  'crm.timeline.comment.add': method({
    scope: 'crm',
    keys: 'exact',
    params: z.strictObject({
      fields: z.strictObject({
        ENTITY_ID: positiveInt,
        ENTITY_TYPE: z.enum(['lead', 'deal', 'contact', 'company', 'quote', 'order', 'dynamic']).or(z.string().regex(/^dynamic_\d+$/)),
        COMMENT: required,
        AUTHOR_ID: int.optional(),
        FILES: list(list(str)).optional(),
      }),
    }),
    run(p, ctx) {
      const id = ctx.portal.nextId('comment');
      ctx.portal.state.comments.push({ id, fields: p.fields, at: ctx.portal.now() });
      ctx.portal.changed();
      return id;
    },
  }),
};
