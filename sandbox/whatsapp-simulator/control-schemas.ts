import { z } from 'zod';
import { phoneField } from './addresses.js';

/** Bodies of the simulator's control API (docs: design/api.md, "Sandbox WhatsApp simulator"). */
export function controlSchemas(region: string) {
  const phone = phoneField(region);
  const id = z.string().min(1).max(200);
  const lidOnly = z.boolean().optional();
  const media = z.object({
    kind: z.enum(['image', 'video', 'audio', 'document', 'sticker']),
    mimetype: z.string().min(1),
    fileName: z.string().optional(),
    base64: z.base64(),
  });

  const inbound = z
    .object({
      from: phone,
      id: id.optional(),
      text: z.string().min(1).optional(),
      media: media.optional(),
      voice: z.boolean().optional(),
      pushName: z.string().max(100).optional(),
      quotedId: id.optional(),
      location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), name: z.string().optional() }).optional(),
      contact: z.object({ name: z.string().min(1), phone }).optional(),
      lidOnly,
    })
    .refine((body) => Boolean(body.text ?? body.media ?? body.location ?? body.contact), {
      message: 'a message needs text, media, location or contact',
    })
    .refine((body) => !body.voice || body.media?.kind === 'audio', {
      message: 'a voice note is media of kind audio',
      path: ['voice'],
    });

  return {
    scan: z.object({ phone, qr: z.string().optional(), name: z.string().max(100).optional() }),
    pairCode: z.object({ phone, code: z.string().min(1).max(20) }),
    inbound,
    edit: z.object({ from: phone, id, text: z.string().min(1), lidOnly }),
    revoke: z.object({ from: phone, id, lidOnly }),
    call: z.object({ from: phone, id: id.optional(), outcome: z.enum(['missed', 'rejected', 'answered']), lidOnly }),
    phoneMessage: z.object({ to: phone, text: z.string().min(1) }),
    receipt: z.object({ id, status: z.literal('read') }),
    absent: z.object({ phone }),
    restrict: z.object({ seconds: z.number().positive().max(30 * 86_400), reason: z.string().min(1).max(100).optional() }),
  };
}

type Schemas = ReturnType<typeof controlSchemas>;
/** A control API body after validation: phones are E.164. */
export type ControlBody<K extends keyof Schemas> = z.output<Schemas[K]>;
/** What a caller of the control API sends, before normalization. */
export type ControlInput<K extends keyof Schemas> = z.input<Schemas[K]>;
