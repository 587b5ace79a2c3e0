/**
 * How a client's WhatsApp message reads in the open line chat. Pure functions, shared by the forwarding
 * activity and its tests.
 */

/**
 * §4.2: `user.name` may hold letters, spaces, `-` and `'` only, at most 25 characters. WhatsApp push
 * names often carry emoji, digits or punctuation; what is left after removing them is the name, or
 * nothing (then Bitrix24 shows the phone or its own placeholder).
 */
export function sanitizeName(pushName: string | null | undefined): string | undefined {
  if (!pushName) return undefined;
  const cleaned = pushName
    .normalize('NFC')
    .replace(/[^\p{L}\p{M} '-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 25)
    .trim();
  return /\p{L}/u.test(cleaned) ? cleaned : undefined;
}

/** BB-code is Bitrix24's markup: brackets typed by the client must not become tags. */
function escapeBb(text: string): string {
  return text.replace(/\[/g, '［').replace(/\]/g, '］');
}

export interface ChatContent {
  text?: string;
  location?: { lat?: number | null; lng?: number | null; name?: string | null } | null;
  sharedContact?: { name?: string | null; phone?: string | null } | null;
  /** The text of the message this one replies to, when we have it. */
  quotedText?: string;
}

/** The BB-code text of a client message: a quote line, the text or caption, a location or a shared contact. */
export function chatText(content: ChatContent): string | undefined {
  const parts: string[] = [];
  if (content.quotedText) parts.push(`[i]» ${escapeBb(content.quotedText.slice(0, 200))}[/i]`);
  if (content.text) parts.push(escapeBb(content.text));
  const location = content.location;
  if (location && typeof location.lat === 'number' && typeof location.lng === 'number') {
    const link = `https://maps.google.com/?q=${location.lat},${location.lng}`;
    parts.push(`📍 ${location.name ? `${escapeBb(location.name)} ` : ''}${link}`);
  }
  if (content.sharedContact?.name) parts.push(`👤 ${escapeBb(content.sharedContact.name)}${content.sharedContact.phone ? ` ${content.sharedContact.phone}` : ''}`);
  return parts.length > 0 ? parts.join('[br]') : undefined;
}

/** A file name Bitrix24 can show, with an extension it recognises (jpg/png/webp render as images). */
export function mediaFileName(media: { kind: string; mimetype: string; fileName?: string | null }, whatsappId: string): string {
  if (media.fileName) return media.fileName;
  const subtype = media.mimetype.split('/')[1]?.split(';')[0]?.trim() ?? 'bin';
  const extension = { jpeg: 'jpg', mpeg: 'mp3', 'ogg; codecs=opus': 'ogg' }[subtype] ?? subtype;
  return `${media.kind}-${whatsappId}.${extension}`;
}
