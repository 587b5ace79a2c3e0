import type { EventBus } from './events.js';
import type { Portal } from './portal.js';
import type { Chat, ChatMessage, ChatUser, Connector, LineConnector, StoredFile } from './state.js';
import { addCrmItem, findByPhone } from './crm-store.js';

/**
 * The open-line side of the portal: connectors on lines, the chats and sessions that client messages
 * open, and the dialog events around them.
 */
export class OpenLines {
  constructor(
    private readonly portal: Portal,
    private readonly events: EventBus,
  ) {}

  private get state() {
    return this.portal.state;
  }

  connector(id: string): Connector | undefined {
    return this.state.connectors[id];
  }

  lineConnector(connector: string, line: number): LineConnector | undefined {
    return this.state.lineConnectors.find((lc) => lc.connector === connector && lc.line === line);
  }

  /** The binding of a connector to a line, made on first use. */
  ensureLineConnector(connector: string, line: number): LineConnector {
    let lc = this.lineConnector(connector, line);
    if (!lc) {
      lc = { connector, line, active: false, error: false };
      this.state.lineConnectors.push(lc);
    }
    return lc;
  }

  /** What imconnector.status reports: STATUS is active + configured + no error. */
  status(connector: string, line: number): { LINE: number; CONNECTOR: string; ERROR: boolean; CONFIGURED: boolean; STATUS: boolean } {
    const lc = this.lineConnector(connector, line);
    const configured = Boolean(lc?.active && lc.data);
    const error = Boolean(lc?.error);
    return { LINE: line, CONNECTOR: connector, ERROR: error, CONFIGURED: configured, STATUS: Boolean(lc?.active) && configured && !error };
  }

  chat(id: number): Chat | undefined {
    return this.state.chats.find((c) => c.id === id);
  }

  messagesOf(chatId: number): ChatMessage[] {
    return this.state.messages.filter((m) => m.chatId === chatId);
  }

  /** One chat per client (CHAT_GROUP false) or per external chat (true), per connector and line. */
  findChat(connector: string, line: number, userExternalId: string, chatExternalId: string): Chat | undefined {
    const grouped = this.connector(connector)?.flags.CHAT_GROUP ?? false;
    return this.state.chats.find(
      (c) => c.connector === connector && c.line === line && (grouped ? c.externalChatId === chatExternalId : c.user.externalId === userExternalId),
    );
  }

  /** Finds or opens the chat of a client message; a closed session is reopened (DialogStart). */
  openChat(connector: string, line: number, user: ChatUser, chat: { id: string; name?: string; url?: string }, disableCrm: boolean): Chat {
    let found = this.findChat(connector, line, user.externalId, chat.id);
    if (!found) {
      const lineName = this.state.lines.find((l) => l.id === line)?.name ?? `Line ${line}`;
      const clientName = [user.name, user.lastName].filter(Boolean).join(' ') || user.phone || user.externalId;
      found = {
        id: this.portal.nextId('chat'),
        connector,
        line,
        externalChatId: chat.id,
        externalChatName: chat.name,
        externalChatUrl: chat.url,
        connectorUserId: this.portal.nextId('user'),
        user,
        title: `${clientName} - ${lineName}`,
        sessionId: this.portal.nextId('session'),
        sessionClosed: false,
      };
      this.state.chats.push(found);
      if (!disableCrm) this.track(found);
      this.dialogEvent('ONIMCONNECTORDIALOGSTART', found);
    } else {
      found.user = { ...found.user, ...Object.fromEntries(Object.entries(user).filter(([, v]) => v !== undefined)) };
      if (found.sessionClosed) {
        found.sessionId = this.portal.nextId('session');
        found.sessionClosed = false;
        this.dialogEvent('ONIMCONNECTORDIALOGSTART', found);
      }
    }
    this.portal.changed();
    return found;
  }

  addMessage(message: Omit<ChatMessage, 'id' | 'date' | 'delivered' | 'read' | 'deleted' | 'edited'> & { date?: number }): ChatMessage {
    const stored: ChatMessage = { id: this.portal.nextId('message'), date: this.portal.unix(), delivered: false, read: false, deleted: false, edited: false, ...message };
    this.state.messages.push(stored);
    this.portal.changed();
    return stored;
  }

  /** The CRM tracker: a new chat finds the client's contact or lead by phone, or makes a lead. */
  private track(chat: Chat): void {
    const line = this.state.lines.find((l) => l.id === chat.line);
    if (!line || line.crmCreate === 'none' || this.connector(chat.connector)?.flags.CHAT_GROUP) return;
    const phone = chat.user.phone;
    const found = phone ? findByPhone(this.state, [phone], undefined) : undefined;
    if (found && !Array.isArray(found)) {
      chat.contactId = found.CONTACT?.[0];
      chat.leadId = found.LEAD?.[0];
      if (chat.contactId || chat.leadId) return;
    }
    chat.leadId = addCrmItem(this.portal, 'leads', {
      TITLE: chat.title,
      NAME: chat.user.name ?? '',
      LAST_NAME: chat.user.lastName ?? '',
      SOURCE_ID: `IMOL_${chat.connector}`,
      ...(phone && { PHONE: [{ VALUE: phone, VALUE_TYPE: 'WORK' }] }),
    });
  }

  /** OnImConnectorDialogStart / Finish: `DATA[]`, not `MESSAGES`. */
  dialogEvent(event: 'ONIMCONNECTORDIALOGSTART' | 'ONIMCONNECTORDIALOGFINISH', chat: Chat) {
    return this.events.emit(event, {
      CONNECTOR: chat.connector,
      LINE: String(chat.line),
      DATA: [
        {
          connector: { connector_id: chat.connector, line_id: chat.line, chat_id: chat.externalChatId, user_id: chat.user.externalId },
          session: { id: chat.sessionId, closed: chat.sessionClosed ? 'Y' : 'N', parent_id: 0, close_term: 1440 },
          chat: { id: chat.id },
          user: { id: chat.connectorUserId },
        },
      ],
    });
  }

  /** The operator closes the dialog: the session ends; the client's next message opens a new one. */
  closeDialog(chat: Chat) {
    chat.sessionClosed = true;
    this.portal.changed();
    return this.dialogEvent('ONIMCONNECTORDIALOGFINISH', chat);
  }

  /** An admin deletes an open line: connectors on it are unbound, OnImConnectorLineDelete (bare id). */
  deleteLine(lineId: number) {
    this.state.lines = this.state.lines.filter((l) => l.id !== lineId);
    this.state.lineConnectors = this.state.lineConnectors.filter((lc) => lc.line !== lineId);
    this.portal.changed();
    return this.events.emit('ONIMCONNECTORLINEDELETE', String(lineId));
  }

  /** An admin turns the connector off on a line: OnImConnectorStatusDelete with lowercase keys. */
  turnOff(connector: string, line: number) {
    const lc = this.lineConnector(connector, line);
    if (lc) lc.active = false;
    this.portal.changed();
    return this.events.emit('ONIMCONNECTORSTATUSDELETE', { connector, line: String(line) });
  }

  /** A file item of OnImConnectorMessageAdd: name, link (served by the emulator), type, size. */
  fileItem(file: StoredFile, link: string) {
    return { name: file.name, link, type: file.type, size: file.size };
  }
}
