import QRCode from 'qrcode';
import { ConnectorQrModel } from '../../storage/models/connector-qr.js';

export interface QrView {
  /** The string WhatsApp encodes in the QR. */
  qr?: string;
  /** A PNG of it, ready for an <img>. */
  qrDataUrl?: string;
  qrExpiresAt?: string;
}

/** The QR the session host last stored for a connector, rendered for the settings app. */
export async function currentQr(connectorId: string): Promise<QrView> {
  const doc = await ConnectorQrModel.findById(connectorId).lean();
  if (!doc) return {};
  return { qr: doc.qr, qrDataUrl: await QRCode.toDataURL(doc.qr, { margin: 1, width: 264 }), qrExpiresAt: doc.expiresAt.toISOString() };
}
