import { WhatsAppCode, type ServerFrame } from './protocol.js';

/** What the registry needs of a socket that said hello. */
export interface LiveSocket {
  readonly connectorId: string;
  readonly phase: 'new' | 'pairing' | 'open';
  /** Still open at the WebSocket level: a socket whose close handshake has begun no longer counts. */
  readonly live: boolean;
  send(frame: ServerFrame): Promise<void>;
  closeWith(code: number, reason: string): void;
}

export interface SocketStats {
  open: number;
  /** The most sockets of the account that were live at the same time, counted before a takeover closed one. */
  maxConcurrent: number;
}

interface AccountSockets<S> {
  sockets: Set<S>;
  maxConcurrent: number;
}

/**
 * The live sockets per account (in memory: sockets live in this process). WhatsApp allows one socket
 * per linked device; a newer one takes over and the older is closed with 440.
 */
export class SocketRegistry<S extends LiveSocket> {
  private readonly accounts = new Map<string, AccountSockets<S>>();

  add(socket: S): void {
    const account = this.account(socket.connectorId);
    account.sockets.add(socket);
    account.maxConcurrent = Math.max(account.maxConcurrent, this.liveSockets(account).length);
    for (const older of this.liveSockets(account)) {
      if (older !== socket) older.closeWith(WhatsAppCode.connectionReplaced, 'conflict: replaced');
    }
  }

  remove(socket: S): void {
    this.accounts.get(socket.connectorId)?.sockets.delete(socket);
  }

  /** The account's live socket (the newest, should an older one still be closing). */
  current(connectorId: string): S | undefined {
    const account = this.accounts.get(connectorId);
    return account ? this.liveSockets(account).at(-1) : undefined;
  }

  open(connectorId: string): S | undefined {
    const socket = this.current(connectorId);
    return socket?.phase === 'open' ? socket : undefined;
  }

  stats(connectorId: string): SocketStats {
    const account = this.accounts.get(connectorId);
    return { open: account ? this.liveSockets(account).length : 0, maxConcurrent: account?.maxConcurrent ?? 0 };
  }

  private account(connectorId: string): AccountSockets<S> {
    let account = this.accounts.get(connectorId);
    if (!account) {
      account = { sockets: new Set(), maxConcurrent: 0 };
      this.accounts.set(connectorId, account);
    }
    return account;
  }

  private liveSockets(account: AccountSockets<S>): S[] {
    return [...account.sockets].filter((socket) => socket.live);
  }
}
