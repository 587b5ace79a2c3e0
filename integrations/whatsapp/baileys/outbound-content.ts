import type { AnyMessageContent } from '@whiskeysockets/baileys';
import type { OutboundContent, OutboundMedia } from '../transport.js';

/** Audio and stickers cannot carry a caption on WhatsApp; the caller sends the text as its own message. */
function mediaContent(media: OutboundMedia, caption: string | undefined): AnyMessageContent {
  const { data, mimetype } = media;
  switch (media.kind) {
    case 'image':
      return { image: data, mimetype, ...(caption && { caption }) };
    case 'video':
      return { video: data, mimetype, ...(caption && { caption }) };
    case 'document':
      return { document: data, mimetype, ...(media.fileName && { fileName: media.fileName }), ...(caption && { caption }) };
    case 'audio':
      if (caption) throw new Error('an audio message cannot carry text');
      return { audio: data, mimetype, ...(media.voice && { ptt: true }) };
    case 'sticker':
      if (caption) throw new Error('a sticker cannot carry text');
      return { sticker: data, mimetype };
  }
}

export function toBaileysContent(content: OutboundContent): AnyMessageContent {
  if (content.media) return mediaContent(content.media, content.text);
  if (content.text) return { text: content.text };
  throw new Error('a message needs text or media');
}
