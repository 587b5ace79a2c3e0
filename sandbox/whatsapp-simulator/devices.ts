import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { SimulatorAccountModel } from '../../storage/models/simulator-account.js';
import type { SimulatorCreds } from './protocol.js';

/**
 * The linked device of each simulated account and what pairing needs (the QR on offer, a pairing
 * code), all in the database: the creds the product stores stay valid across restarts of either side,
 * and become void only when the device is removed.
 */

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface PairedDevice {
  phone: string;
  name?: string;
}

/** Links a new device for `phone`; any earlier device of the account is replaced, as a fresh pairing does. */
export async function pairDevice(connectorId: string, phone: string, name?: string): Promise<SimulatorCreds> {
  const creds: SimulatorCreds = { deviceId: randomUUID(), token: randomBytes(24).toString('base64url'), phone };
  const device = { id: creds.deviceId, tokenHash: hash(creds.token), phone, name, pairedAt: new Date() };
  await SimulatorAccountModel.updateOne(
    { _id: connectorId },
    { $set: { device, qr: null, qrExpiresAt: null, pairingCode: null } },
    { upsert: true },
  );
  return creds;
}

/** The device the creds belong to, or undefined when they are unknown or the device was removed. */
export async function verifyCreds(connectorId: string, creds: SimulatorCreds): Promise<PairedDevice | undefined> {
  const account = await SimulatorAccountModel.findById(connectorId).lean();
  const device = account?.device;
  if (!device || device.id !== creds.deviceId || device.tokenHash !== hash(creds.token)) return undefined;
  return device.name ? { phone: device.phone, name: device.name } : { phone: device.phone };
}

/** Removes the linked device; false when the account had none. */
export async function removeDevice(connectorId: string): Promise<boolean> {
  const result = await SimulatorAccountModel.updateOne({ _id: connectorId, device: { $ne: null } }, { $set: { device: null } });
  return result.modifiedCount > 0;
}

export async function storeQr(connectorId: string, qr: string, expiresAt: number): Promise<void> {
  await SimulatorAccountModel.updateOne({ _id: connectorId }, { $set: { qr, qrExpiresAt: new Date(expiresAt) } });
}

/** Clears the stored QR only if it is still `qr`: a newer pairing socket may already offer its own. */
export async function clearQr(connectorId: string, qr: string): Promise<void> {
  await SimulatorAccountModel.updateOne({ _id: connectorId, qr }, { $set: { qr: null, qrExpiresAt: null } });
}

const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** An 8-character code for `phone`, remembered until pairing completes or another code is requested. */
export async function issuePairingCode(connectorId: string, phone: string): Promise<string> {
  const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  await SimulatorAccountModel.updateOne({ _id: connectorId }, { $set: { pairingCode: { phone, code } } }, { upsert: true });
  return code;
}

/** Phones show the code as `ABCD-EFGH` and people type it in either case, so both are accepted. */
export async function pairingCodeMatches(connectorId: string, phone: string, typed: string): Promise<boolean> {
  const account = await SimulatorAccountModel.findById(connectorId).lean();
  const expected = account?.pairingCode;
  return !!expected && expected.phone === phone && expected.code === typed.replace(/-/g, '').toUpperCase();
}
