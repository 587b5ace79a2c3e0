import { log } from '@temporalio/workflow';
import type { MissedCallTodo } from '../../activities/bitrix24/missed-call.js';
import type { ChatMemory, ChatSettings } from '../../activities/chat/index.js';
import { autoreplyDue, type AutoreplyKind } from '../logic/autoreply.js';
import { botTurn, initialBotState, operatorTookOver } from '../logic/bot.js';
import { withinWorkingHours } from '../logic/working-hours.js';
import { chatActivities, chatBitrix24Activities } from './activities.js';

/**
 * The autoresponders and the bot of one chat, on the workflow side: decisions come from
 * workflows/logic, the work from activities, and `memory` (carried across continue-as-new, stored in
 * MongoDB whenever it changes) is what must outlive the workflow.
 */
export class ChatDuties {
  constructor(
    private readonly connectorId: string,
    private readonly contactId: string,
    readonly memory: ChatMemory,
  ) {}

  /** A missed call: the CRM to-do, the reply once per period, and a note for the operators. */
  async missedCall(callEventId: string): Promise<void> {
    const settings = await chatActivities.chatSettings(this.connectorId);
    if (!settings) return;
    const missed = settings.autoresponders.missedCall;
    // A portal that refuses the to-do must not cost the client the reply or the operators the note.
    const todo = await chatBitrix24Activities.missedCallTodo(callEventId, missed).catch((err: unknown): MissedCallTodo => {
      log.warn('missed-call to-do failed', { callEventId, error: String(err) });
      return { outcome: 'unknown', detail: 'Bitrix24 did not take the to-do' };
    });
    const replied = await this.autoreply(settings, 'missedCall', callEventId, missed.reply);
    const how = todo.call?.offline ? ' while WhatsApp was offline' : todo.call?.outcome === 'rejected' ? ' (declined)' : '';
    const lines = [
      `[B]Missed WhatsApp call${how}[/B]`,
      todo.todoId ? `A to-do to call the client back was created (#${todo.todoId}).` : todo.detail ? `No to-do: ${todo.detail}.` : '',
      replied && settings.publishOutgoing ? `Autoreply sent: ${missed.reply.text}` : '',
    ];
    await this.post(`note:missedCall:${callEventId}`, lines.filter(Boolean).join('[BR]'));
    await chatActivities.markCallHandled(callEventId);
  }

  /** A voice note (already forwarded as audio): the reply, once per period. */
  async voiceMessage(eventId: string): Promise<void> {
    const settings = await chatActivities.chatSettings(this.connectorId);
    if (!settings) return;
    const reply = settings.autoresponders.voiceMessage.reply;
    const replied = await this.autoreply(settings, 'voiceMessage', eventId, reply);
    if (replied && settings.publishOutgoing) await this.post(`post:autoreply:voiceMessage:${eventId}`, `[B]Autoreply[/B][BR]${reply.text}`);
  }

  /** A client message through the bot's script; its answers go to the client and, as system messages, to the chat. */
  async botMessage(eventId: string): Promise<void> {
    const settings = await chatActivities.chatSettings(this.connectorId);
    if (!settings?.bot.enabled) return;
    const choice = await chatActivities.botChoice(eventId);
    if (!choice) return;
    const turn = botTurn(settings.bot, this.memory.bot ?? initialBotState(), choice, Date.now(), withinWorkingHours(settings.bot.workingHours, Date.now()));
    for (const [index, text] of turn.replies.entries()) {
      const key = `bot:${eventId}:${index}`;
      await chatActivities.queueReply(this.connectorId, this.contactId, key, text);
      if (settings.publishOutgoing) await this.post(`post:${key}`, `[B]Bot[/B][BR]${text}`);
    }
    if (turn.handOver) await this.post(`note:handOver:${eventId}`, '[B]The bot handed the dialog over to the operators.[/B]');
    await this.remember({ bot: turn.state });
  }

  /** An operator answered: the bot leaves this dialog to them. */
  async operatorReplied(): Promise<void> {
    if (this.memory.bot?.phase === 'operators') return;
    await this.remember({ bot: operatorTookOver(this.memory.bot ?? initialBotState()) });
  }

  private async autoreply(settings: ChatSettings, kind: AutoreplyKind, triggerId: string, reply: { enabled: boolean; text: string }): Promise<boolean> {
    if (!reply.enabled || !reply.text.trim()) return false;
    const now = Date.now();
    if (!autoreplyDue(this.memory.autoreplies, kind, now, settings.autoresponders.periodHours)) return false;
    const outcome = await chatActivities.queueReply(this.connectorId, this.contactId, `autoreply:${kind}:${triggerId}`, reply.text);
    if (outcome !== 'queued' && outcome !== 'already') {
      log.info('autoreply not sent', { kind, outcome });
      return false;
    }
    await this.remember({ autoreplies: { ...this.memory.autoreplies, [kind]: now } });
    return true;
  }

  private async post(key: string, text: string): Promise<void> {
    const outcome = await chatBitrix24Activities.postToChat(this.connectorId, this.contactId, key, text);
    if (outcome !== 'posted' && outcome !== 'already') log.info('chat note not posted', { key, outcome });
  }

  private async remember(change: Partial<ChatMemory>): Promise<void> {
    Object.assign(this.memory, change);
    await chatActivities.saveChatMemory(this.connectorId, this.contactId, this.memory);
  }
}
