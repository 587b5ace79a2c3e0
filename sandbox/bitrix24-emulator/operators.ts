import type { EventBus } from './events.js';
import type { FileStore } from './files.js';
import type { OpenLines } from './open-lines.js';
import type { Portal } from './portal.js';
import type { Chat, ChatMessage, DeliveredEvent } from './state.js';

export class OperatorError extends Error {
  override readonly name = 'OperatorError';
}

/**
 * What employees do in an open-line chat, and the connector events it makes the portal send:
 * OnImConnectorMessageAdd (signed BB-code text, files with links), Update (message.id an array of the
 * connector's ids) and Delete (message.id a string).
 */
export class Operators {
  constructor(
    private readonly portal: Portal,
    private readonly events: EventBus,
    private readonly lines: OpenLines,
    private readonly files: FileStore,
  ) {}

  private chatOf(chatId: number): Chat {
    const chat = this.lines.chat(chatId);
    if (!chat) throw new OperatorError(`chat ${chatId} not found`);
    return chat;
  }

  private messageOf(messageId: number): { message: ChatMessage; chat: Chat } {
    const message = this.portal.state.messages.find((m) => m.id === messageId);
    if (!message) throw new OperatorError(`message ${messageId} not found`);
    return { message, chat: this.chatOf(message.chatId) };
  }

  /** The text the connector receives: with NEED_SIGNATURE, `[b]Name:[/b] [br]` before an employee's text. */
  signedText(chat: Chat, message: ChatMessage): string {
    const signed = this.lines.connector(chat.connector)?.flags.NEED_SIGNATURE ?? true;
    if (!signed || !message.userId || !message.text) return message.text;
    return `[b]${this.portal.userName(message.userId)}:[/b] [br]${message.text}`;
  }

  private base(chat: Chat) {
    return { CONNECTOR: chat.connector, LINE: String(chat.line) };
  }

  /** OnImConnectorMessageAdd for a message already in the chat (operator reply, system text, echo). */
  emitAdd(chat: Chat, message: ChatMessage): DeliveredEvent[] {
    const item = {
      im: { chat_id: chat.id, message_id: message.id },
      message: {
        user_id: message.userId ?? 0,
        text: this.signedText(chat, message),
        files: message.files.map((file) => this.lines.fileItem(file, this.files.link(file))),
      },
      chat: { id: chat.externalChatId },
    };
    return this.events.emit('ONIMCONNECTORMESSAGEADD', { ...this.base(chat), MESSAGES: [item] }, { userId: message.userId || undefined });
  }

  /** An operator writes in the chat (text and/or files); the message stays undelivered until confirmed. */
  reply(input: { chatId: number; userId?: number; text?: string; files?: Array<{ name: string; data: Buffer; mime?: string }> }) {
    const chat = this.chatOf(input.chatId);
    const userId = input.userId ?? this.portal.state.lines.find((l) => l.id === chat.line)?.queue[0] ?? 1;
    if (!this.portal.user(userId)) throw new OperatorError(`user ${userId} not found`);
    const files = (input.files ?? []).map((f) => this.files.save(f.name, f.data, f.mime));
    if (!input.text && files.length === 0) throw new OperatorError('a reply needs text or a file');
    const message = this.lines.addMessage({ chatId: chat.id, author: 'operator', userId, text: input.text ?? '', files, externalIds: [], via: 'operator' });
    return { message, events: this.emitAdd(chat, message) };
  }

  /** An automatic message (welcome text, auto-answer): user_id 0, sent when NEED_SYSTEM_MESSAGES. */
  system(input: { chatId: number; text: string }) {
    const chat = this.chatOf(input.chatId);
    const message = this.lines.addMessage({ chatId: chat.id, author: 'system', userId: 0, text: input.text, files: [], externalIds: [], via: 'operator' });
    const wanted = this.lines.connector(chat.connector)?.flags.NEED_SYSTEM_MESSAGES ?? true;
    return { message, events: wanted ? this.emitAdd(chat, message) : [] };
  }

  /** An operator edits a message: OnImConnectorMessageUpdate when EDIT_INTERNAL_MESSAGES. */
  edit(input: { messageId: number; text: string }) {
    const { message, chat } = this.messageOf(input.messageId);
    if (message.author === 'client') throw new OperatorError('operators edit their own messages only');
    message.text = input.text;
    message.edited = true;
    this.portal.changed();
    if (!(this.lines.connector(chat.connector)?.flags.EDIT_INTERNAL_MESSAGES ?? true)) return { message, events: [] };
    const item = {
      im: { chat_id: chat.id, message_id: message.id },
      message: { id: message.externalIds, user_id: message.userId ?? 0, text: this.signedText(chat, message) },
      chat: { id: chat.externalChatId },
    };
    return { message, events: this.events.emit('ONIMCONNECTORMESSAGEUPDATE', { ...this.base(chat), MESSAGES: [item] }, { userId: message.userId || undefined }) };
  }

  /** An operator deletes a message: OnImConnectorMessageDelete (message.id a string) when DEL_INTERNAL_MESSAGES. */
  remove(input: { messageId: number }) {
    const { message, chat } = this.messageOf(input.messageId);
    if (message.author === 'client') throw new OperatorError('operators delete their own messages only');
    message.deleted = true;
    this.portal.changed();
    if (!(this.lines.connector(chat.connector)?.flags.DEL_INTERNAL_MESSAGES ?? true)) return { message, events: [] };
    const item = {
      im: { chat_id: chat.id, message_id: message.id },
      message: { id: message.externalIds[0] ?? '', user_id: message.userId ?? 0 },
      chat: { id: chat.externalChatId },
    };
    return { message, events: this.events.emit('ONIMCONNECTORMESSAGEDELETE', { ...this.base(chat), MESSAGES: [item] }, { userId: message.userId || undefined }) };
  }
}
