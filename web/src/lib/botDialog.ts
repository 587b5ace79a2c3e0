import type { BotScript } from '../../../domain/bot-script.js';
import { botTurn, chooseOption, initialBotState } from '../../../workflows/logic/bot.js';

/** One line of the previewed dialog: what the client wrote, what the bot answered, or what happened. */
export type PreviewLine = { from: 'client'; text: string } | { from: 'bot'; text: string } | { from: 'note'; note: 'handedOver' | 'silent' };

/**
 * The dialog a client would have with the bot, replayed from the start through the decisions the chat
 * workflow makes (`chooseOption`, `botTurn`), so the preview follows the script as it is being edited.
 */
export function replayDialog(script: BotScript, texts: string[], inHours: boolean): PreviewLine[] {
  const enabled = { ...script, enabled: true };
  let state = initialBotState();
  return texts.flatMap((text, index): PreviewLine[] => {
    const wasWithOperators = state.phase === 'operators';
    const turn = botTurn(enabled, state, chooseOption(enabled.options, text), index * 1000, inHours);
    state = turn.state;
    const answers = turn.replies.map((reply): PreviewLine => ({ from: 'bot', text: reply }));
    const notes: PreviewLine[] = turn.handOver ? [{ from: 'note', note: 'handedOver' }] : wasWithOperators ? [{ from: 'note', note: 'silent' }] : [];
    return [{ from: 'client', text }, ...answers, ...notes];
  });
}
