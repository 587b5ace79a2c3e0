import { getContentType, normalizeMessageContent, proto, toNumber, type WAMessage } from '@whiskeysockets/baileys';
import type { ContactRef, InboundMedia, InboundMessage, MediaKind, TransportEvent } from '../transport.js';
import { contactFromKey, isPersonalChat } from './jid.js';

export type InboundEvent = Extract<TransportEvent, { type: 'message' | 'message_edited' | 'message_revoked' }>;

/** Fetches and decrypts a media message's bytes; bound to the live socket by the adapter. */
export type MediaDownloader = (message: WAMessage) => Promise<Buffer>;

type Content = proto.IMessage;
type Body = Pick<InboundMessage, 'text' | 'media' | 'location' | 'contact' | 'quotedId'>;

/** WhatsApp leaves the mimetype out now and then; these are what its clients send. */
const DEFAULT_MIMETYPE: Record<MediaKind, string> = {
  image: 'image/jpeg',
  video: 'video/mp4',
  audio: 'audio/ogg; codecs=opus',
  document: 'application/octet-stream',
  sticker: 'image/webp',
};

const MEDIA_KIND: Partial<Record<keyof Content, MediaKind>> = {
  imageMessage: 'image',
  videoMessage: 'video',
  audioMessage: 'audio',
  documentMessage: 'document',
  stickerMessage: 'sticker',
};

type MediaContent = proto.Message.IImageMessage &
  proto.Message.IVideoMessage &
  proto.Message.IAudioMessage &
  proto.Message.IDocumentMessage &
  proto.Message.IStickerMessage;

const secondsToMs = (seconds: Parameters<typeof toNumber>[0]) => toNumber(seconds) * 1000;

function mediaBody(kind: MediaKind, media: MediaContent, message: WAMessage, download: MediaDownloader): Body {
  const inbound: InboundMedia = {
    kind,
    mimetype: media.mimetype || DEFAULT_MIMETYPE[kind],
    ...(media.fileName && { fileName: media.fileName }),
    ...(kind === 'audio' && media.ptt && { voice: true }),
    ...(media.seconds && { seconds: media.seconds }),
    download: () => download(message),
  };
  return { media: inbound, ...(media.caption && { text: media.caption }), ...quoted(media.contextInfo) };
}

function quoted(contextInfo: proto.IContextInfo | null | undefined): Pick<Body, 'quotedId'> {
  return contextInfo?.stanzaId ? { quotedId: contextInfo.stanzaId } : {};
}

/** A shared contact's number: WhatsApp's own `waid` is already international; a bare TEL only if it has a `+`. */
function phoneFromVcard(vcard: string): string | undefined {
  const waid = /waid=(\d+)/.exec(vcard)?.[1];
  if (waid) return `+${waid}`;
  const tel = /^TEL[^:]*:\s*(\+[\d\s().-]+)$/m.exec(vcard)?.[1];
  return tel ? `+${tel.replace(/\D/g, '')}` : undefined;
}

function contactBody(card: proto.Message.IContactMessage): Body {
  const phone = card.vcard ? phoneFromVcard(card.vcard) : undefined;
  return { contact: { name: card.displayName ?? '', ...(phone && { phone }), ...(card.vcard && { vcard: card.vcard }) } };
}

function locationBody(location: proto.Message.ILocationMessage): Body {
  const name = location.name || location.address;
  return { location: { lat: location.degreesLatitude ?? 0, lng: location.degreesLongitude ?? 0, ...(name && { name }) } };
}

function bodyOf(content: Content, message: WAMessage, download: MediaDownloader): Body | undefined {
  const type = getContentType(content);
  if (!type) return undefined;
  const kind = MEDIA_KIND[type];
  if (kind) return mediaBody(kind, content[type] as MediaContent, message, download);
  switch (type) {
    case 'conversation':
      return content.conversation ? { text: content.conversation } : undefined;
    case 'extendedTextMessage':
      return { text: content.extendedTextMessage?.text ?? '', ...quoted(content.extendedTextMessage?.contextInfo) };
    case 'locationMessage':
      return locationBody(content.locationMessage ?? {});
    case 'contactMessage':
      return contactBody(content.contactMessage ?? {});
    default:
      return undefined;
  }
}

/** The text an edit replaces the original with (edits of captions included). */
function editedText(content: Content | null | undefined): string | undefined {
  const inner = normalizeMessageContent(content);
  if (!inner) return undefined;
  return inner.conversation ?? inner.extendedTextMessage?.text ?? inner.imageMessage?.caption ?? inner.videoMessage?.caption ?? inner.documentMessage?.caption ?? undefined;
}

function protocolEvent(protocol: proto.Message.IProtocolMessage, from: ContactRef, timestamp: number): InboundEvent | undefined {
  const id = protocol.key?.id;
  if (!id) return undefined;
  if (protocol.type === proto.Message.ProtocolMessage.Type.REVOKE) return { type: 'message_revoked', id, from, timestamp };
  if (protocol.type !== proto.Message.ProtocolMessage.Type.MESSAGE_EDIT) return undefined;
  const text = editedText(protocol.editedMessage);
  const editedAt = protocol.timestampMs ? toNumber(protocol.timestampMs) : timestamp;
  return text === undefined ? undefined : { type: 'message_edited', id, from, text, timestamp: editedAt };
}

/**
 * Translates one `messages.upsert` item of a one-to-one chat. Revokes and edits arrive as protocol
 * messages here (Baileys also re-announces them on `messages.update`, which the adapter leaves alone,
 * so each is reported once). Reactions, polls, stubs and anything unknown yield nothing.
 */
export function translateInbound(message: WAMessage, download: MediaDownloader): InboundEvent | undefined {
  const { key } = message;
  if (!key.id || !isPersonalChat(key.remoteJid)) return undefined;
  const content = normalizeMessageContent(message.message);
  if (!content) return undefined;
  const from = contactFromKey(key, message.pushName);
  const timestamp = secondsToMs(message.messageTimestamp);
  if (content.protocolMessage) return protocolEvent(content.protocolMessage, from, timestamp);
  const body = bodyOf(content, message, download);
  if (!body) return undefined;
  return { type: 'message', message: { id: key.id, from, fromMe: Boolean(key.fromMe), timestamp, ...body } };
}
