import type { ConnectorSettings } from '../../domain/settings.js';
import { settingsSchema } from '../../domain/settings.js';
import { chooseOption, type BotChoice, type BotState } from '../../workflows/logic/bot.js';
import type { AutoreplyMemory } from '../../workflows/logic/autoreply.js';
import { CallEventModel } from '../../storage/models/call-event.js';
import { ChatMemoryModel } from '../../storage/models/chat-memory.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { InboundEventModel } from '../../storage/models/inbound-event.js';
import { queueReply } from './replies.js';

/** What a chat workflow remembers beyond its own life (storage/models/chat-memory.ts). */
export interface ChatMemory {
  autoreplies: AutoreplyMemory;
  bot?: BotState;
}

/** The settings a chat workflow acts on; null once the connector is gone. */
export type ChatSettings = Pick<ConnectorSettings, 'autoresponders' | 'bot'> & { publishOutgoing: boolean };

const memoryId = (connectorId: string, contactId: string) => `${connectorId}:${contactId}`;

/**
 * The chat workflow's MongoDB work: its memory, the settings in force, what a client's message picks
 * in the bot's script (so the text itself never enters workflow history), and queuing replies.
 */
export function createChatActivities() {
  return {
    async loadChatMemory(connectorId: string, contactId: string): Promise<ChatMemory> {
      const doc = await ChatMemoryModel.findById(memoryId(connectorId, contactId)).lean<{ autoreplies?: AutoreplyMemory; bot?: BotState | null }>();
      return { autoreplies: doc?.autoreplies ?? {}, ...(doc?.bot && { bot: doc.bot }) };
    },

    async saveChatMemory(connectorId: string, contactId: string, memory: ChatMemory): Promise<void> {
      await ChatMemoryModel.updateOne({ _id: memoryId(connectorId, contactId) }, { $set: { autoreplies: memory.autoreplies, bot: memory.bot ?? null } }, { upsert: true });
    },

    async chatSettings(connectorId: string): Promise<ChatSettings | null> {
      const doc = await ConnectorModel.findById(connectorId, { settings: 1 }).lean<{ settings: unknown }>();
      if (!doc) return null;
      const settings = settingsSchema.parse(doc.settings);
      return { autoresponders: settings.autoresponders, bot: settings.bot, publishOutgoing: settings.chats.publishOutgoing };
    },

    /** The option a stored client message picks; null for edits and deletions, which the bot ignores. */
    async botChoice(eventId: string): Promise<BotChoice | null> {
      const event = await InboundEventModel.findById(eventId, { kind: 1, text: 1, connectorId: 1 }).lean<{ kind: string; text?: string; connectorId: string }>();
      if (!event || event.kind !== 'message') return null;
      const doc = await ConnectorModel.findById(event.connectorId, { settings: 1 }).lean<{ settings: unknown }>();
      if (!doc) return null;
      return chooseOption(settingsSchema.parse(doc.settings).bot.options, event.text);
    },

    queueReply,

    async markCallHandled(callEventId: string): Promise<void> {
      await CallEventModel.updateOne({ _id: callEventId }, { $set: { status: 'handled' } });
    },
  };
}

export type ChatActivities = ReturnType<typeof createChatActivities>;
