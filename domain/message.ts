import { z } from 'zod';

/** The messages API's vocabulary (see the README's API section), shared by the api, activities and workflows. */

export const LANES = ['regular', 'marketing'] as const;
export type Lane = (typeof LANES)[number];

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'cancelled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const FAILURE_REASONS = ['not_on_whatsapp', 'send_ttl_expired', 'connector_removed', 'whatsapp_error'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Statuses that say WhatsApp has the message: a send that finds one of these must not send again. */
export const SENT_STATUSES: readonly MessageStatus[] = ['sent', 'delivered', 'read'];

export const MEDIA_KINDS = ['image', 'video', 'audio', 'document', 'sticker'] as const;

/** WhatsApp's own ceiling for media documents; larger files are refused before anything is queued. */
export const MAX_MEDIA_BYTES = 16 * 2 ** 20;

const mediaBody = z
  .object({
    kind: z.enum(MEDIA_KINDS),
    mimetype: z.string().trim().min(1).max(200),
    fileName: z.string().min(1).max(255).optional(),
    base64: z.base64().max(Math.ceil(MAX_MEDIA_BYTES / 3) * 4, 'the file is larger than 16 MB').optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    voice: z.boolean().optional(),
  })
  .strict()
  .refine((media) => (media.base64 === undefined) !== (media.url === undefined), { message: 'give exactly one of base64 or url' })
  .refine((media) => !media.voice || media.kind === 'audio', { message: 'a voice note is media of kind audio', path: ['voice'] });

export const sendMessageBody = z
  .object({
    to: z.string().trim().min(3, 'must be a phone number').max(40),
    text: z.string().min(1).max(65_536).optional(),
    media: mediaBody.optional(),
    lane: z.enum(LANES).default('regular'),
    idempotencyKey: z.string().min(1).max(200).optional(),
    publishToChat: z.boolean().default(true),
  })
  .strict()
  .refine((body) => body.text !== undefined || body.media !== undefined, { message: 'a message needs text or media', path: ['text'] });

export type SendMessageBody = z.output<typeof sendMessageBody>;
export type MediaBody = NonNullable<SendMessageBody['media']>;

export interface MessageView {
  id: string;
  to: string;
  lane: Lane;
  status: MessageStatus;
  failureReason?: FailureReason;
  failureDetail?: string;
  whatsappId: string;
  history: Array<{ status: MessageStatus; at: string }>;
}
