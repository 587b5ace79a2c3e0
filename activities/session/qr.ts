import { ConnectorQrModel } from '../../storage/models/connector-qr.js';

/** The QR on offer, where the api reads it within a second of WhatsApp rotating it. */
export async function saveQr(connectorId: string, qr: string, expiresAt: number): Promise<void> {
  await ConnectorQrModel.updateOne({ _id: connectorId }, { $set: { qr, expiresAt: new Date(expiresAt) } }, { upsert: true });
}

export async function clearQr(connectorId: string): Promise<void> {
  await ConnectorQrModel.deleteOne({ _id: connectorId });
}
