import { z } from 'zod';
import { errors } from '../errors.js';
import type { Chat, Line } from '../state.js';
import { method, type CallContext, type MethodTable } from './define.js';
import { int, map, required, str, url, yn } from './params.js';

/** A line as imopenlines.config.get prints it: every value a string. */
function lineView(line: Line) {
  return {
    ID: String(line.id),
    ACTIVE: line.active ? 'Y' : 'N',
    LINE_NAME: line.name,
    CRM: line.crmCreate === 'none' ? 'N' : 'Y',
    CRM_CREATE: line.crmCreate,
    CRM_CREATE_SECOND: 'N',
    CRM_CHAT_TRACKER: 'Y',
    CRM_FORWARD: 'Y',
    QUEUE_TYPE: 'evenly',
    QUEUE_TIME: '60',
    WELCOME_MESSAGE: 'Y',
    WELCOME_MESSAGE_TEXT: 'Здравствуйте! Мы скоро ответим.',
    WORKTIME_ENABLE: 'N',
    VOTE_MESSAGE: 'N',
    LANGUAGE_ID: 'ru',
  };
}

function dialogView(ctx: CallContext, chat: Chat) {
  return {
    id: chat.id,
    dialog_id: `chat${chat.id}`,
    type: 'lines',
    name: chat.title,
    owner: 0,
    entity_type: 'LINES',
    entity_id: `${chat.connector}|${chat.line}|${chat.externalChatId}|${chat.connectorUserId}`,
    entity_data_1: `${chat.leadId || chat.contactId ? 'Y' : 'N'}|${chat.leadId ? 'LEAD' : chat.contactId ? 'CONTACT' : 'NONE'}|${chat.leadId ?? chat.contactId ?? 0}|N|0|${chat.sessionId}`,
    entity_data_2: `LEAD|${chat.leadId ?? 0}|COMPANY|0|CONTACT|${chat.contactId ?? 0}|DEAL|0`,
    entity_data_3: '',
    date_create: ctx.portal.iso(),
  };
}

export const openlinesMethods: MethodTable = {
  'imopenlines.config.list.get': method({
    scope: 'imopenlines',
    params: z.strictObject({
      PARAMS: z
        .strictObject({ select: z.unknown().optional(), order: z.unknown().optional(), filter: map(z.unknown()).optional(), limit: int.optional(), offset: int.optional() })
        .optional(),
      OPTIONS: z.strictObject({ QUEUE: yn.optional(), CONFIG_QUEUE: yn.optional(), CHECK_PERMISSION: z.unknown().optional() }).optional(),
    }),
    run(p, ctx) {
      const limit = Math.min(p.PARAMS?.limit ?? 200, 200);
      const offset = p.PARAMS?.offset ?? 0;
      const filter = p.PARAMS?.filter ?? {};
      return ctx.portal.state.lines
        .map((line) => ({ line, view: lineView(line) as Record<string, unknown> }))
        .filter(({ view }) => Object.entries(filter).every(([key, value]) => String(view[key]) === String(value)))
        .slice(offset, offset + limit)
        .map(({ line, view }) => ({
          ...view,
          ...(p.OPTIONS?.QUEUE === 'Y' && { QUEUE: line.queue }),
          ...(p.OPTIONS?.CONFIG_QUEUE === 'Y' && { CONFIG_QUEUE: line.queue.map((id) => ({ ENTITY_ID: String(id), ENTITY_TYPE: 'user' })) }),
        }));
    },
  }),
  'imopenlines.config.get': method({
    scope: 'imopenlines',
    params: z.strictObject({ CONFIG_ID: int, WITH_QUEUE: yn.optional(), SHOW_OFFLINE: yn.optional() }),
    run(p, ctx) {
      const line = ctx.portal.state.lines.find((l) => l.id === p.CONFIG_ID);
      if (!line) throw errors.invalid('CONFIG_NOT_FOUND', 'Config not found');
      return { ...lineView(line), ...(p.WITH_QUEUE !== 'N' && { QUEUE: line.queue.map(String) }) };
    },
  }),
  'imopenlines.dialog.get': method({
    scope: 'imopenlines',
    params: z.strictObject({ CHAT_ID: int.optional(), DIALOG_ID: str.optional(), SESSION_ID: int.optional(), USER_CODE: str.optional() }),
    run(p, ctx) {
      const chats = ctx.portal.state.chats;
      const chat =
        p.CHAT_ID !== undefined
          ? chats.find((c) => c.id === p.CHAT_ID)
          : p.DIALOG_ID !== undefined
            ? chats.find((c) => `chat${c.id}` === p.DIALOG_ID)
            : p.SESSION_ID !== undefined
              ? chats.find((c) => c.sessionId === p.SESSION_ID)
              : p.USER_CODE !== undefined
                ? chats.find((c) => `${c.connector}|${c.line}|${c.externalChatId}|${c.connectorUserId}` === p.USER_CODE)
                : undefined;
      if (p.CHAT_ID === undefined && p.DIALOG_ID === undefined && p.SESSION_ID === undefined && p.USER_CODE === undefined) {
        throw errors.invalid('DIALOG_ID_EMPTY', 'Dialog ID can\'t be empty');
      }
      if (!chat) throw errors.invalid('ACCESS_ERROR', 'You do not have access to the specified dialog');
      return dialogView(ctx, chat);
    },
  }),
  'im.notify.system.add': method({
    scope: 'im',
    params: z.strictObject({ USER_ID: int, MESSAGE: required, MESSAGE_OUT: str.optional(), TAG: str.optional(), SUB_TAG: str.optional(), ATTACH: z.unknown().optional() }),
    run(p, ctx) {
      if (!ctx.portal.user(p.USER_ID)) throw errors.invalid('USER_ID_EMPTY', 'Recipient user not found');
      const list = ctx.portal.state.notifications;
      if (p.TAG) ctx.portal.state.notifications = list.filter((n) => n.tag !== p.TAG);
      const id = ctx.portal.nextId('notify');
      ctx.portal.state.notifications.push({ id, userId: p.USER_ID, message: p.MESSAGE, tag: p.TAG, subTag: p.SUB_TAG, attach: p.ATTACH, at: ctx.portal.now() });
      ctx.portal.changed();
      return id;
    },
  }),
  'placement.bind': method({
    scope: 'placement',
    appContext: 'ACCESS_DENIED',
    admin: true,
    params: z.strictObject({
      PLACEMENT: required,
      HANDLER: url,
      TITLE: str.optional(),
      DESCRIPTION: str.optional(),
      GROUP_NAME: str.optional(),
      LANG_ALL: z.unknown().optional(),
      OPTIONS: z.unknown().optional(),
    }),
    run(p, ctx) {
      const placement = p.PLACEMENT.toUpperCase();
      if (ctx.portal.state.placements.some((b) => b.placement === placement && b.handler === p.HANDLER)) {
        throw errors.invalid('ERROR_PLACEMENT_HANDLER_ALREADY_EXISTS', 'Handler already binded');
      }
      ctx.portal.state.placements.push({ placement, handler: p.HANDLER, title: p.TITLE, description: p.DESCRIPTION, groupName: p.GROUP_NAME, langAll: p.LANG_ALL, options: p.OPTIONS });
      ctx.portal.changed();
      return true;
    },
  }),
  'placement.unbind': method({
    scope: 'placement',
    appContext: 'ACCESS_DENIED',
    admin: true,
    params: z.strictObject({ PLACEMENT: required, HANDLER: str.optional() }),
    run(p, ctx) {
      const placement = p.PLACEMENT.toUpperCase();
      const before = ctx.portal.state.placements.length;
      ctx.portal.state.placements = ctx.portal.state.placements.filter((b) => !(b.placement === placement && (!p.HANDLER || b.handler === p.HANDLER)));
      ctx.portal.changed();
      return { count: before - ctx.portal.state.placements.length };
    },
  }),
  'placement.get': method({
    scope: 'placement',
    params: z.strictObject({}),
    run: (_p, ctx) =>
      ctx.portal.state.placements.map((b) => ({
        placement: b.placement,
        handler: b.handler,
        title: b.title ?? '',
        description: b.description ?? '',
        groupName: b.groupName ?? '',
        options: b.options ?? [],
        langAll: b.langAll ?? [],
      })),
  }),
  'placement.list': method({
    scope: 'placement',
    params: z.strictObject({}),
    run: () => ['CONTACT_CENTER', 'CRM_CONTACT_DETAIL_TAB', 'CRM_LEAD_DETAIL_TAB', 'CRM_DEAL_DETAIL_TAB', 'IM_NAVIGATION', 'LEFT_MENU', 'DEFAULT'],
  }),
};
