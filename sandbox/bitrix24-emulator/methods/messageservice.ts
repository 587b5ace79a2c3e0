import { z } from 'zod';
import { errors } from '../errors.js';
import { method, type MethodTable } from './define.js';
import { localized, required, str } from './params.js';

export const SMS_STATUSES = ['queued', 'sent', 'delivered', 'undelivered', 'failed'] as const;
const validation = (text: string) => errors.invalid('ERROR_SENDER_VALIDATION_FAILURE', text);

export const messageserviceMethods: MethodTable = {
  'messageservice.sender.add': method({
    scope: 'messageservice',
    appContext: 'ACCESS_DENIED',
    admin: true,
    params: z.strictObject({ CODE: str.optional(), TYPE: str.optional(), HANDLER: str.optional(), NAME: localized.optional(), DESCRIPTION: localized.optional() }),
    run(p, ctx) {
      if (!p.CODE) throw validation('Empty sender code!');
      if (!/^[a-zA-Z0-9._-]+$/.test(p.CODE)) throw validation('Wrong sender code!');
      if (!p.NAME) throw validation('Empty sender NAME!');
      if (p.TYPE !== 'SMS') throw validation('Unknown sender message TYPE!');
      if (!p.HANDLER || !/^https?:\/\/[^/]+/.test(p.HANDLER)) throw validation('Wrong sender HANDLER!');
      if (ctx.portal.state.senders[p.CODE]) throw errors.invalid('ERROR_SENDER_ALREADY_INSTALLED', 'Sender already installed!');
      ctx.portal.state.senders[p.CODE] = { code: p.CODE, type: 'SMS', handler: p.HANDLER, name: p.NAME, description: p.DESCRIPTION };
      ctx.portal.changed();
      return true;
    },
  }),
  'messageservice.sender.update': method({
    scope: 'messageservice',
    appContext: 'ACCESS_DENIED',
    admin: true,
    params: z.strictObject({ CODE: required, HANDLER: str.optional(), NAME: localized.optional(), DESCRIPTION: localized.optional() }),
    run(p, ctx) {
      const sender = ctx.portal.state.senders[p.CODE];
      if (!sender) throw errors.invalid('ERROR_SENDER_NOT_FOUND', 'Sender not found!');
      if (p.HANDLER !== undefined) {
        if (!/^https?:\/\/[^/]+/.test(p.HANDLER)) throw validation('Wrong sender HANDLER!');
        sender.handler = p.HANDLER;
      }
      if (p.NAME !== undefined) sender.name = p.NAME;
      if (p.DESCRIPTION !== undefined) sender.description = p.DESCRIPTION;
      ctx.portal.changed();
      return true;
    },
  }),
  'messageservice.sender.delete': method({
    scope: 'messageservice',
    appContext: 'ACCESS_DENIED',
    admin: true,
    params: z.strictObject({ CODE: required }),
    run(p, ctx) {
      if (!ctx.portal.state.senders[p.CODE]) throw errors.invalid('ERROR_SENDER_NOT_FOUND', 'Sender not found!');
      delete ctx.portal.state.senders[p.CODE];
      ctx.portal.changed();
      return true;
    },
  }),
  'messageservice.sender.list': method({
    scope: 'messageservice',
    appContext: 'ACCESS_DENIED',
    params: z.strictObject({}),
    run: (_p, ctx) => Object.keys(ctx.portal.state.senders),
  }),
  'messageservice.message.status.update': method({
    scope: 'messageservice',
    appContext: 'ACCESS_DENIED',
    params: z.strictObject({ CODE: required, MESSAGE_ID: required, STATUS: required }),
    run(p, ctx) {
      const message = ctx.portal.state.sms.find((m) => m.id === p.MESSAGE_ID && m.code === p.CODE);
      if (!message) throw errors.invalid('ERROR_MESSAGE_NOT_FOUND', 'Message not found!');
      if (!(SMS_STATUSES as readonly string[]).includes(p.STATUS)) throw errors.invalid('ERROR_MESSAGE_STATUS_INCORRECT', 'Incorrect message status!');
      const sender = ctx.portal.user(ctx.userId);
      if (!sender?.admin && message.userId !== ctx.userId) throw errors.accessDenied();
      message.statuses.push({ status: p.STATUS, at: ctx.portal.now() });
      ctx.portal.changed();
      return true;
    },
  }),
};
