import { z } from 'zod';
import { botSchema } from './bot-script.js';

/**
 * The connector settings document: one schema shared by the api (validation, 422 field errors), the
 * settings app (forms) and the workflows (types). The bot's script lives in bot-script.ts; `widget`
 * and `access` start as stubs that the issues building their backends extend.
 */

export const SEND_MS_RANGE = { min: 500, max: 600_000 } as const;
export const MARKETING_MS_RANGE = { min: 15_000, max: 600_000 } as const;
export const JITTER_MS_RANGE = { min: 0, max: SEND_MS_RANGE.max } as const;
export const DAILY_CAP_RANGE = { min: 0, max: 1_000_000 } as const;

const replySchema = z.object({
  enabled: z.boolean().default(false),
  text: z.string().max(4096).default(''),
});

export const settingsSchema = z
  .object({
    chats: z
      .object({
        publishOutgoing: z.boolean().default(true),
        createChatOnSmsProvider: z.boolean().default(true),
        createChatOnSmsMailing: z.boolean().default(false),
        smsProviderEnabled: z.boolean().default(false),
        showOnline: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    intervals: z
      .object({
        sendMs: z.number().int().min(SEND_MS_RANGE.min).max(SEND_MS_RANGE.max).default(500),
        marketingMs: z.number().int().min(MARKETING_MS_RANGE.min).max(MARKETING_MS_RANGE.max).default(15_000),
        /** Ban protection, off by default: a random extra delay of up to this many ms on top of each interval. */
        jitterMs: z.number().int().min(JITTER_MS_RANGE.min).max(JITTER_MS_RANGE.max).default(0),
        /** Ban protection, off by default (0): at most this many sends per account and UTC day. */
        dailyCap: z.number().int().min(DAILY_CAP_RANGE.min).max(DAILY_CAP_RANGE.max).default(0),
      })
      .strict()
      .prefault({}),
    ignoredNumbers: z.array(z.string()).max(10_000).default([]),
    autoresponders: z
      .object({
        periodHours: z.number().int().min(1).max(24 * 30).default(24),
        missedCall: z
          .object({
            createTask: z.boolean().default(true),
            createLeadIfNone: z.boolean().default(true),
            taskResponsibleId: z.number().int().positive().default(1),
            taskDeadlineMinutes: z.number().int().min(1).max(60 * 24 * 30).default(60),
            reply: replySchema.prefault({}),
          })
          .strict()
          .prefault({}),
        voiceMessage: z.object({ reply: replySchema.prefault({}) }).strict().prefault({}),
      })
      .strict()
      .prefault({}),
    bot: botSchema.prefault({}),
    widget: z.object({ enabled: z.boolean().default(false) }).prefault({}),
    access: z
      .object({
        userIds: z.array(z.number().int().positive()).default([]),
        departmentIds: z.array(z.number().int().positive()).default([]),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type ConnectorSettings = z.output<typeof settingsSchema>;

export function defaultSettings(): ConnectorSettings {
  return settingsSchema.parse({});
}
