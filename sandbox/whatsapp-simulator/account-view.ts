import type { SimulatorAccountDocument } from '../../storage/models/simulator-account.js';
import { restrictionOf, type Restriction } from './accounts.js';
import type { SimulatorContext } from './context.js';

/** An account as the control API and the page show it: stored state plus the live socket. */
export interface AccountView {
  connectorId: string;
  socket: 'none' | 'pairing' | 'open';
  paired: boolean;
  phone?: string;
  qr?: string;
  qrExpiresAt?: number;
  restriction?: Restriction;
  online: boolean;
  /** Events waiting for the account's next open socket. */
  backlog: number;
}

function socketState(ctx: SimulatorContext, connectorId: string): AccountView['socket'] {
  const phase = ctx.sockets.current(connectorId)?.phase;
  return phase === 'open' || phase === 'pairing' ? phase : 'none';
}

export async function accountView(ctx: SimulatorContext, account: SimulatorAccountDocument): Promise<AccountView> {
  const restriction = restrictionOf(account);
  return {
    connectorId: account._id,
    socket: socketState(ctx, account._id),
    paired: !!account.device,
    ...(account.device && { phone: account.device.phone }),
    ...(account.qr && { qr: account.qr }),
    ...(account.qrExpiresAt && { qrExpiresAt: account.qrExpiresAt.getTime() }),
    ...(restriction && { restriction }),
    online: account.online,
    backlog: await ctx.backlog.count(account._id),
  };
}
