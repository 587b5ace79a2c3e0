import type { BotOption, BotScript } from '../../domain/bot-script.js';

/**
 * The bot assistant's dialog with one client, as pure decisions. `new`: the bot has not spoken in this
 * dialog; `menu`: it greeted and waits for a choice; `operators`: handed over (by an option or by an
 * operator's reply), the bot is silent until the dialog times out.
 */
export interface BotState {
  phase: 'new' | 'menu' | 'operators';
  /** The client's last message (ms), for the dialog timeout. */
  lastClientAt?: number;
  /** The out-of-hours reply already went out in this dialog. */
  toldOutOfHours?: boolean;
}

export const initialBotState = (): BotState => ({ phase: 'new' });

/** What the client's message picked: an option's index, or nothing the script knows. */
export type BotChoice = { option: number } | { option: null };

export interface BotTurn {
  replies: string[];
  handOver: boolean;
  state: BotState;
}

/**
 * Picks the option a client's text means: its number alone ("2", "2.", " 2) "), else the first option
 * with a keyword found in the text as whole words, ignoring case.
 */
export function chooseOption(options: BotOption[], text: string | undefined): BotChoice {
  const typed = (text ?? '').trim().toLowerCase();
  if (typed === '') return { option: null };
  const number = /^(\d{1,2})\s*[.)]?$/.exec(typed);
  if (number) {
    const index = Number(number[1]) - 1;
    if (options[index]) return { option: index };
  }
  const words = ` ${typed.replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const index = options.findIndex((option) => option.keywords.some((keyword) => words.includes(` ${keyword.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `)));
  return { option: index >= 0 ? index : null };
}

/** The greeting (if any) and the numbered menu of the options shown in it. */
export function menuText(script: BotScript, lead: string): string {
  const lines = script.options.flatMap((option, index) => (option.inMenu && option.label.trim() ? [`${index + 1}. ${option.label.trim()}`] : []));
  return [lead.trim(), lines.join('\n')].filter(Boolean).join('\n\n');
}

/**
 * One client message through the script. Out of hours the client is told so once per dialog and the
 * dialog waits for operators; a handed-over dialog stays with them until it times out.
 */
export function botTurn(script: BotScript, before: BotState, choice: BotChoice, now: number, inHours: boolean): BotTurn {
  const timedOut = before.lastClientAt !== undefined && now - before.lastClientAt >= script.dialogTimeoutHours * 3_600_000;
  const state: BotState = { ...(timedOut ? initialBotState() : before), lastClientAt: now };
  if (!script.enabled || state.phase === 'operators') return { replies: [], handOver: false, state };
  if (!inHours) {
    if (state.toldOutOfHours || !script.workingHours.outOfHoursReply.trim()) return { replies: [], handOver: false, state };
    return { replies: [script.workingHours.outOfHoursReply], handOver: false, state: { ...state, toldOutOfHours: true } };
  }
  const option = choice.option === null ? undefined : script.options[choice.option];
  if (option) {
    const replies = option.reply.trim() ? [option.reply] : [];
    return { replies, handOver: option.handOver, state: { ...state, phase: option.handOver ? 'operators' : 'menu' } };
  }
  const lead = state.phase === 'new' ? script.greeting : script.unknownReply;
  const text = menuText(script, lead);
  return { replies: text ? [text] : [], handOver: false, state: { ...state, phase: 'menu' } };
}

/** An operator answered in the open line: the dialog is theirs now. */
export function operatorTookOver(state: BotState): BotState {
  return { ...state, phase: 'operators' };
}
