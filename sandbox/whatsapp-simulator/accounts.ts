import { SimulatorAbsentModel } from '../../storage/models/simulator-absent.js';
import { SimulatorAccountModel, type SimulatorAccountDocument } from '../../storage/models/simulator-account.js';

/** Account-wide state of the simulated world besides the device: presence, restrictions, absent numbers. */

export interface Restriction {
  reason: string;
  until: number;
}

export async function touchAccount(connectorId: string): Promise<void> {
  await SimulatorAccountModel.updateOne({ _id: connectorId }, { $setOnInsert: { _id: connectorId } }, { upsert: true });
}

export async function findAccount(connectorId: string): Promise<SimulatorAccountDocument | null> {
  return SimulatorAccountModel.findById(connectorId).lean<SimulatorAccountDocument>();
}

export async function listAccounts(): Promise<SimulatorAccountDocument[]> {
  return SimulatorAccountModel.find().sort({ _id: 1 }).lean<SimulatorAccountDocument[]>();
}

export async function setOnline(connectorId: string, online: boolean): Promise<void> {
  await SimulatorAccountModel.updateOne({ _id: connectorId }, { $set: { online } });
}

export async function restrict(connectorId: string, reason: string, until: number): Promise<void> {
  await SimulatorAccountModel.updateOne({ _id: connectorId }, { $set: { restriction: { reason, until: new Date(until) } } }, { upsert: true });
}

/** The restriction in force now; one whose time has passed is over, as WhatsApp lifts it by itself. */
export function restrictionOf(account: SimulatorAccountDocument | null, now = Date.now()): Restriction | undefined {
  const restriction = account?.restriction;
  if (!restriction?.until || !restriction.reason || restriction.until.getTime() <= now) return undefined;
  return { reason: restriction.reason, until: restriction.until.getTime() };
}

export async function activeRestriction(connectorId: string): Promise<Restriction | undefined> {
  return restrictionOf(await findAccount(connectorId));
}

export async function markAbsent(phone: string): Promise<void> {
  await SimulatorAbsentModel.updateOne({ _id: phone }, { $setOnInsert: { _id: phone } }, { upsert: true });
}

export async function isOnWhatsApp(phone: string): Promise<boolean> {
  return !(await SimulatorAbsentModel.exists({ _id: phone }));
}
