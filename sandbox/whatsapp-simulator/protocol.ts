import { z } from 'zod';

/**
 * The wire protocol between the simulator transport (session host) and the simulated WhatsApp server
 * (api process): JSON frames over one WebSocket, validated on both ends. It mirrors what Baileys and
 * WhatsApp exchange, in the product's terms (E.164 phones, no JIDs).
 */

export const SIMULATOR_BASE_PATH = '/sandbox/whatsapp';
export const SIMULATOR_SOCKET_PATH = `${SIMULATOR_BASE_PATH}/socket`;

/**
 * WebSocket close codes must lie in 1000–4999, so WhatsApp's own code (401, 440, 515…) travels as
 * 4000 + code; a `close` frame carrying the plain code and the reason precedes it.
 */
export const WS_CODE_OFFSET = 4000;

/** WhatsApp's close codes the simulator uses (Baileys' DisconnectReason values). */
export const WhatsAppCode = {
  loggedOut: 401,
  qrAttemptsEnded: 408,
  connectionClosed: 428,
  connectionReplaced: 440,
  badSession: 500,
  restartRequired: 515,
} as const;

export const credsSchema = z.object({ deviceId: z.string().min(1), token: z.string().min(1), phone: z.string().min(1) });
export type SimulatorCreds = z.infer<typeof credsSchema>;

const mediaKind = z.enum(['image', 'video', 'audio', 'document', 'sticker']);
const requestId = z.string().min(1).max(100);

export const wireMediaSchema = z.object({
  kind: mediaKind,
  mimetype: z.string().min(1),
  fileName: z.string().optional(),
  voice: z.boolean().optional(),
  seconds: z.number().optional(),
  base64: z.base64(),
});
export type WireMedia = z.infer<typeof wireMediaSchema>;

const contactRef = z.object({ phone: z.string().optional(), lid: z.string().optional(), pushName: z.string().optional() });

export const clientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), connectorId: z.string().min(1).max(200), creds: credsSchema.optional() }),
  z.object({
    type: z.literal('send'),
    requestId,
    id: z.string().min(1).max(200),
    to: z.string().min(1),
    text: z.string().optional(),
    media: wireMediaSchema.optional(),
  }),
  z.object({ type: z.literal('edit'), requestId, id: z.string().min(1).max(200), to: z.string().min(1), text: z.string() }),
  z.object({ type: z.literal('delete'), requestId, id: z.string().min(1).max(200), to: z.string().min(1) }),
  z.object({ type: z.literal('presence'), requestId, online: z.boolean() }),
  z.object({ type: z.literal('logout'), requestId }),
  z.object({ type: z.literal('pairing_code_request'), requestId, phone: z.string().min(1) }),
  z.object({ type: z.literal('check_number'), requestId, phone: z.string().min(1) }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;
export type RequestFrame = Exclude<ClientFrame, { type: 'hello' }>;

const inboundMessage = z.object({
  id: z.string(),
  from: contactRef,
  fromMe: z.boolean(),
  timestamp: z.number(),
  text: z.string().optional(),
  media: wireMediaSchema.optional(),
  location: z.object({ lat: z.number(), lng: z.number(), name: z.string().optional() }).optional(),
  contact: z.object({ name: z.string(), phone: z.string().optional(), vcard: z.string().optional() }).optional(),
  quotedId: z.string().optional(),
});
export type WireInboundMessage = z.infer<typeof inboundMessage>;

export const ackSchema = z.object({
  type: z.literal('ack'),
  requestId,
  status: z.enum(['ok', 'not_on_whatsapp', 'error']),
  error: z.string().optional(),
  /** pairing_code_request: the code to type on the phone. */
  code: z.string().optional(),
  /** check_number: whether the number has WhatsApp. */
  exists: z.boolean().optional(),
});
export type AckFrame = z.infer<typeof ackSchema>;

export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('qr'), qr: z.string(), expiresAt: z.number() }),
  z.object({ type: z.literal('paired'), creds: credsSchema }),
  z.object({ type: z.literal('open'), phone: z.string(), name: z.string().optional() }),
  z.object({ type: z.literal('message'), message: inboundMessage }),
  z.object({ type: z.literal('edited'), id: z.string(), from: contactRef, text: z.string(), timestamp: z.number() }),
  z.object({ type: z.literal('revoked'), id: z.string(), from: contactRef, timestamp: z.number() }),
  z.object({ type: z.literal('receipt'), id: z.string(), status: z.enum(['delivered', 'read']) }),
  z.object({
    type: z.literal('call'),
    id: z.string(),
    from: contactRef,
    outcome: z.enum(['missed', 'rejected', 'answered']),
    offline: z.boolean(),
    timestamp: z.number(),
  }),
  z.object({ type: z.literal('restriction'), reason: z.string(), until: z.number().optional() }),
  ackSchema,
  z.object({ type: z.literal('close'), code: z.number().int(), reason: z.string() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

export const encodeFrame = (frame: ClientFrame | ServerFrame): string => JSON.stringify(frame);

function decode<T extends z.ZodType>(schema: T, data: unknown): z.output<T> | undefined {
  try {
    const result = schema.safeParse(JSON.parse(String(data)));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** `undefined` for anything that is not a valid frame: a peer speaking another protocol is closed, not trusted. */
export const decodeClientFrame = (data: unknown): ClientFrame | undefined => decode(clientFrameSchema, data);
export const decodeServerFrame = (data: unknown): ServerFrame | undefined => decode(serverFrameSchema, data);
