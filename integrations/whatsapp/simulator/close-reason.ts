import { WS_CODE_OFFSET, WhatsAppCode } from '../../../sandbox/whatsapp-simulator/protocol.js';
import type { CloseReason } from '../transport.js';

/** WhatsApp's code for a WebSocket close: the simulator sends 4000 + code; any other close is the line dropping. */
export function whatsAppCode(wsCode: number): number {
  return wsCode > WS_CODE_OFFSET && wsCode < WS_CODE_OFFSET + 1000 ? wsCode - WS_CODE_OFFSET : WhatsAppCode.connectionClosed;
}

/** Decides why a socket closed from WhatsApp's code, as the Baileys adapter does (DisconnectReason). */
export function closeReason(code: number, pairing: boolean): CloseReason {
  switch (code) {
    case 401:
    case 403:
    case 419:
      return 'logged_out';
    case 440:
      return 'connection_replaced';
    case 515:
      return 'restart_required';
    case 405:
      return 'stale_whatsapp_version';
    case 408:
      // 408 is also a plain timeout; only while pairing does it mean the QR attempts ran out.
      return pairing ? 'qr_attempts_ended' : 'connection_lost';
    default:
      return 'connection_lost';
  }
}
