import { AppError } from '../../api/errors.js';
import type { SimulatorConnection } from './connection.js';
import type { SimulatorContext } from './context.js';

/** The socket a control call acts on, or a 409 saying why there is none to act on. */

export function pairingSocket(ctx: SimulatorContext, connectorId: string): SimulatorConnection {
  const socket = ctx.sockets.current(connectorId);
  if (!socket?.currentQr) throw new AppError(409, 'not_pairing', `connector ${connectorId} has no socket offering a QR`);
  return socket;
}

export function openSocket(ctx: SimulatorContext, connectorId: string): SimulatorConnection {
  const socket = ctx.sockets.open(connectorId);
  if (!socket) throw new AppError(409, 'not_connected', `connector ${connectorId} has no open socket`);
  return socket;
}

export function anySocket(ctx: SimulatorContext, connectorId: string): SimulatorConnection {
  const socket = ctx.sockets.current(connectorId);
  if (!socket) throw new AppError(409, 'no_socket', `connector ${connectorId} has no socket`);
  return socket;
}
