import { z } from 'zod';

/**
 * The bot assistant's script (settings `bot`), as data: the settings app edits it, the api validates
 * it, the chat workflow runs it. Every field has a default, so documents saved before the script
 * existed (`{ enabled }` only) still parse.
 */

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const optionSchema = z
  .object({
    /** The menu line; the option's number is its position in `options` (1-based). */
    label: z.string().max(200).default(''),
    /** Shown in the numbered menu; off for options reached by keyword only. */
    inMenu: z.boolean().default(true),
    /** Words or phrases that pick the option anywhere in the client's text (case-insensitive). */
    keywords: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    /** The bot's answer; may be empty when the option only hands over. */
    reply: z.string().max(4096).default(''),
    /** After answering, the dialog goes to the line's operators and the bot stays silent in it. */
    handOver: z.boolean().default(false),
  })
  .strict()
  .refine((option) => option.reply.trim() !== '' || option.handOver, { message: 'an option answers with a text, hands over, or both' });

const workingHoursSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** An IANA zone, e.g. Europe/Moscow. */
    timezone: z
      .string()
      .default('Europe/Moscow')
      .refine((zone) => validTimeZone(zone), { message: 'an IANA time zone, e.g. Europe/Moscow' }),
    /** ISO weekdays: 1 Monday … 7 Sunday. */
    days: z.array(z.number().int().min(1).max(7)).max(7).default([1, 2, 3, 4, 5]),
    /** HH:MM local time; `to` earlier than `from` means the hours run past midnight. */
    from: z.string().regex(TIME, 'HH:MM').default('09:00'),
    to: z.string().regex(TIME, 'HH:MM').default('18:00'),
    /** Sent once per dialog to a client who writes outside the hours; the dialog then waits for operators. */
    outOfHoursReply: z.string().max(4096).default(''),
  })
  .strict();

export const botSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** The first answer of a dialog, followed by the numbered menu. */
    greeting: z.string().max(4096).default(''),
    options: z.array(optionSchema).max(20).default([]),
    /** Answer to a text that picks no option; the menu follows it. Empty: the menu alone. */
    unknownReply: z.string().max(4096).default(''),
    /** A dialog handed to operators belongs to the bot again after this long without client messages. */
    dialogTimeoutHours: z.number().int().min(1).max(24 * 30).default(24),
    workingHours: workingHoursSchema.prefault({}),
  })
  .strict();

export type BotScript = z.output<typeof botSchema>;
export type BotOption = BotScript['options'][number];
export type WorkingHours = BotScript['workingHours'];

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
