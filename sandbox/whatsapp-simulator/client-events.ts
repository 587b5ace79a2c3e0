import { contactAddress, phoneMessageId } from './addresses.js';
import type { ControlBody } from './control-schemas.js';
import type { ServerFrame, WireInboundMessage } from './protocol.js';

/** Turns what a simulated client does (control API bodies) into the frames WhatsApp would push. */

type Frame<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

function vcard(name: string, phone: string): string {
  return ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, `TEL;type=CELL;waid=${phone.slice(1)}:${phone}`, 'END:VCARD'].join('\n');
}

export function inboundMessage(body: ControlBody<'inbound'>): Frame<'message'> {
  const message: WireInboundMessage = {
    id: body.id ?? phoneMessageId(),
    from: contactAddress(body.from, { lidOnly: body.lidOnly, pushName: body.pushName }),
    fromMe: false,
    timestamp: Date.now(),
    ...(body.text !== undefined && { text: body.text }),
    ...(body.media && { media: { ...body.media, ...(body.voice && { voice: true }) } }),
    ...(body.location && { location: body.location }),
    ...(body.contact && { contact: { ...body.contact, vcard: vcard(body.contact.name, body.contact.phone) } }),
    ...(body.quotedId !== undefined && { quotedId: body.quotedId }),
  };
  return { type: 'message', message };
}

/** A message typed on the company's phone reaches its linked devices as fromMe, addressed to the chat. */
export function phoneMessage(id: string, to: string, text: string): Frame<'message'> {
  return { type: 'message', message: { id, from: contactAddress(to), fromMe: true, timestamp: Date.now(), text } };
}

export function edited(body: ControlBody<'edit'>): Frame<'edited'> {
  return { type: 'edited', id: body.id, from: contactAddress(body.from, body), text: body.text, timestamp: Date.now() };
}

export function revoked(body: ControlBody<'revoke'>): Frame<'revoked'> {
  return { type: 'revoked', id: body.id, from: contactAddress(body.from, body), timestamp: Date.now() };
}

/** `offline`: the account had no open socket when the call rang, as Baileys flags calls from the backlog. */
export function call(body: ControlBody<'call'>, offline: boolean): Frame<'call'> {
  return { type: 'call', id: body.id ?? phoneMessageId(), from: contactAddress(body.from, body), outcome: body.outcome, offline, timestamp: Date.now() };
}
