import { z } from 'zod';
import { errors } from '../errors.js';
import type { Chat, ChatMessage } from '../state.js';
import { method, type CallContext, type MethodTable } from './define.js';
import { ownConnector, upperTopKeys } from './imconnector.js';
import { int, list, nonEmpty, required, str, yn } from './params.js';

const user = z.strictObject({
  id: required,
  name: str.optional(),
  last_name: str.optional(),
  picture: z.strictObject({ url: str }).optional(),
  url: str.optional(),
  email: str.optional(),
  phone: str.optional(),
  gender: z.enum(['male', 'female']).optional(),
  sex: z.enum(['male', 'female']).optional(),
  skip_phone_validate: yn.optional(),
});
const chat = z.strictObject({ id: required, name: str.optional(), url: str.optional() });
const message = z.strictObject({
  id: str.optional(),
  date: int.optional(),
  text: str.optional(),
  files: list(z.strictObject({ url: required, name: str.optional() })).optional(),
  disable_crm: yn.optional(),
  user_id: int.optional(),
});
const item = z.strictObject({ user, message, chat });
const messagesParams = z.strictObject({ CONNECTOR: required, LINE: int, MESSAGES: nonEmpty(item) });
type Item = z.output<typeof item>;

const im = z.strictObject({ chat_id: int, message_id: int });
const deliveryItem = z.strictObject({ im, message: z.strictObject({ id: list(str), date: int.optional() }).optional(), chat: z.strictObject({ id: str }).optional() });
const readingItem = z.strictObject({ im, message: z.strictObject({ id: list(str) }).optional(), chat: z.strictObject({ id: str }).optional() });

const failed = (input: Item, code: string, text: string) => ({ ...input, SUCCESS: false, ERRORS: [{ code, message: text }] });

/** The line must have this app's connector switched on (activate + data.set) to take messages. */
function workingLine(ctx: CallContext, connector: string, line: number): string {
  const id = ownConnector(ctx, connector).id;
  if (!ctx.runtime.lines.status(id, line).STATUS) throw errors.invalid('NOT_ACTIVE_LINE', `Line ${line} has no active connector ${id}`);
  return id;
}

function findMessage(ctx: CallContext, target: Chat | undefined, externalId: string | undefined): ChatMessage | undefined {
  if (!target || !externalId) return undefined;
  return ctx.portal.state.messages.find((m) => m.chatId === target.id && m.externalIds.includes(externalId) && !m.deleted);
}

/** One client message (or, with message.user_id, an employee or system message) into the open line. */
async function sendOne(ctx: CallContext, connector: string, line: number, input: Item) {
  const { user: u, message: m, chat: c } = input;
  if (!m.text && !(m.files && m.files.length > 0)) return failed(input, 'MESSAGE_EMPTY', 'A message needs text or files');
  const target = ctx.runtime.lines.openChat(
    connector,
    line,
    { externalId: u.id, name: u.name, lastName: u.last_name, phone: u.phone, email: u.email, picture: u.picture?.url, url: u.url, gender: u.gender ?? u.sex },
    { id: c.id, name: c.name, url: c.url },
    m.disable_crm === 'Y',
  );
  const files = [];
  for (const file of m.files ?? []) files.push(await ctx.runtime.files.download(file.url, file.name));
  const author = m.user_id === undefined ? 'client' : m.user_id === 0 ? 'system' : 'operator';
  const stored = ctx.runtime.lines.addMessage({
    chatId: target.id,
    author,
    ...(author !== 'client' && { userId: m.user_id }),
    text: m.text ?? '',
    files,
    externalIds: m.id ? [m.id] : [],
    via: 'rest',
    ...(m.date !== undefined && { date: m.date }),
  });
  // Whether a company-side message comes back as OnImConnectorMessageAdd is configurable (§4.4).
  const echo = ctx.portal.config.echo;
  if ((author === 'system' && echo.system) || (author === 'operator' && echo.operator)) ctx.runtime.operators.emitAdd(target, stored);
  return {
    user: String(target.connectorUserId),
    message: { ...m, ...(m.date !== undefined && { date: {} }), files: m.files ?? [] },
    chat: { id: c.id, ...(c.url && { description: `Link to the original post: ${c.url}` }) },
    ...(u.skip_phone_validate && { extra: { skip_phone_validate: u.skip_phone_validate } }),
    SUCCESS: true,
    session: { ID: String(target.sessionId), CHAT_ID: String(target.id) },
  };
}

const envelope = (results: Array<{ SUCCESS: boolean }>) => ({ SUCCESS: results.every((r) => r.SUCCESS), DATA: { RESULT: results } });

/** Update and delete: each item names a message the chat has; a missing one fails alone, inside the 200. */
function changeEach(p: z.infer<typeof messagesParams>, ctx: CallContext, change: (found: ChatMessage, input: Item) => void) {
  const connector = workingLine(ctx, p.CONNECTOR, p.LINE);
  const results = p.MESSAGES.map((input) => {
    const found = findMessage(ctx, ctx.runtime.lines.findChat(connector, p.LINE, input.user.id, input.chat.id), input.message.id);
    if (!found) return failed(input, 'MESSAGE_NOT_FOUND', `Message ${input.message.id ?? ''} not found`);
    change(found, input);
    ctx.portal.changed();
    return { ...input, SUCCESS: true };
  });
  return envelope(results);
}

export const imconnectorMessageMethods: MethodTable = {
  'imconnector.send.messages': method({
    scope: 'imconnector',
    appContext: 'WRONG_AUTH_TYPE',
    prepare: upperTopKeys,
    params: messagesParams,
    async run(p, ctx) {
      const connector = workingLine(ctx, p.CONNECTOR, p.LINE);
      const results = [];
      for (const input of p.MESSAGES) results.push(await sendOne(ctx, connector, p.LINE, input));
      return envelope(results);
    },
  }),
  'imconnector.update.messages': method({
    scope: 'imconnector',
    appContext: 'WRONG_AUTH_TYPE',
    prepare: upperTopKeys,
    params: messagesParams,
    run: (p, ctx) =>
      changeEach(p, ctx, (found, input) => {
        if (input.message.text !== undefined) found.text = input.message.text;
        found.edited = true;
      }),
  }),
  'imconnector.delete.messages': method({
    scope: 'imconnector',
    appContext: 'WRONG_AUTH_TYPE',
    prepare: upperTopKeys,
    params: messagesParams,
    run: (p, ctx) =>
      changeEach(p, ctx, (found) => {
        found.deleted = true;
      }),
  }),
  'imconnector.send.status.delivery': method({
    scope: 'imconnector',
    appContext: 'WRONG_AUTH_TYPE',
    prepare: upperTopKeys,
    params: z.strictObject({ CONNECTOR: required, LINE: int, MESSAGES: nonEmpty(deliveryItem) }),
    run(p, ctx) {
      ownConnector(ctx, p.CONNECTOR);
      for (const entry of p.MESSAGES) {
        const found = ctx.portal.state.messages.find((m) => m.id === entry.im.message_id && m.chatId === entry.im.chat_id);
        if (!found) continue;
        found.delivered = true;
        for (const id of entry.message?.id ?? []) if (!found.externalIds.includes(id)) found.externalIds.push(id);
      }
      ctx.portal.changed();
      return { SUCCESS: true, DATA: [] };
    },
  }),
  'imconnector.send.status.reading': method({
    scope: 'imconnector',
    appContext: 'WRONG_AUTH_TYPE',
    prepare: upperTopKeys,
    params: z.strictObject({ CONNECTOR: required, LINE: int, MESSAGES: nonEmpty(readingItem) }),
    run(p, ctx) {
      ownConnector(ctx, p.CONNECTOR);
      for (const entry of p.MESSAGES) {
        const found = ctx.portal.state.messages.find((m) => m.id === entry.im.message_id && m.chatId === entry.im.chat_id);
        if (found) found.read = true;
      }
      ctx.portal.changed();
      return { SUCCESS: true, DATA: [] };
    },
  }),
  'imconnector.chat.name.set': method({
    scope: 'imconnector',
    appContext: 'WRONG_AUTH_TYPE',
    prepare: upperTopKeys,
    params: z.strictObject({ CONNECTOR: required, LINE: int, CHAT_ID: required, NAME: required, USER_ID: str.optional() }),
    run(p, ctx) {
      const connector = ownConnector(ctx, p.CONNECTOR);
      if (!connector.flags.CHAT_GROUP && !p.USER_ID) throw errors.argument("Argument 'USER_ID' is null or empty");
      const found = ctx.portal.state.chats.find(
        (c) => c.connector === connector.id && c.line === p.LINE && c.externalChatId === p.CHAT_ID && (!p.USER_ID || c.user.externalId === p.USER_ID),
      );
      if (!found) return { SUCCESS: false, DATA: { RESULT: {} }, ERRORS: [{ code: 'CHAT_NOT_FOUND', message: 'Chat not found' }] };
      found.externalChatName = p.NAME;
      found.title = p.NAME;
      ctx.portal.changed();
      return { SUCCESS: true, DATA: { RESULT: {} } };
    },
  }),
};
