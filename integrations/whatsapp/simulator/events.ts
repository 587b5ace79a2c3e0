import type { ServerFrame, WireInboundMessage, WireMedia } from '../../../sandbox/whatsapp-simulator/protocol.js';
import type { InboundMedia, InboundMessage, OutboundMedia, TransportEvent } from '../transport.js';

/** Conversions between the simulator's wire frames and the transport's plain data. */

function inboundMedia({ base64, ...media }: WireMedia): InboundMedia {
  return { ...media, download: () => Promise.resolve(Buffer.from(base64, 'base64')) };
}

function inboundMessage({ media, ...message }: WireInboundMessage): InboundMessage {
  return media ? { ...message, media: inboundMedia(media) } : message;
}

export function wireMedia({ data, ...media }: OutboundMedia): WireMedia {
  return { ...media, base64: data.toString('base64') };
}

type EventFrame = Exclude<ServerFrame, { type: 'ack' | 'paired' | 'close' | 'open' }>;

/** The event a server frame reports; frames about the socket itself (ack, paired, close, open) are handled by the transport. */
export function transportEvent(frame: EventFrame): TransportEvent {
  switch (frame.type) {
    case 'qr':
    case 'receipt':
    case 'call':
    case 'restriction':
      return frame;
    case 'message':
      return { type: 'message', message: inboundMessage(frame.message) };
    case 'edited':
      return { ...frame, type: 'message_edited' };
    case 'revoked':
      return { ...frame, type: 'message_revoked' };
  }
}
