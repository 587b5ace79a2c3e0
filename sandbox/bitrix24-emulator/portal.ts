import type { Logger } from '../../lib/logger.js';
import { isoWithOffset } from './envelope.js';
import { errors } from './errors.js';
import { newMemberId, newToken } from './ids.js';
import { Faults, LeakyBucket } from './limits.js';
import type { CounterName, EmulatorConfig, PortalState, User } from './state.js';
import { seedState } from './state.js';

export const DEFAULT_CLIENT_ID = 'local.olbridge0sandbox.00000001';
export const DEFAULT_CLIENT_SECRET = 'olbridge-sandbox-client-secret-000000000000000';
export const DEFAULT_SCOPE = ['imopenlines', 'imconnector', 'im', 'crm', 'messageservice', 'bizproc', 'placement', 'contact_center', 'user', 'department'];
const REFRESH_LIFETIME_MS = 180 * 24 * 3_600_000;

export interface PortalOptions {
  /** The product's public URL (PUBLIC_URL): install and placement handlers live there. */
  productUrl?: string;
  /** Where the app's install handler is, relative to productUrl. */
  installPath?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string[];
  /** A state read back from the state file; otherwise a fresh portal is seeded. */
  state?: PortalState;
  config?: Partial<EmulatorConfig>;
  /** How long the portal waits for a handler's answer (the real timeout is unpublished). */
  handlerTimeoutMs?: number;
  /** The portal's UTC offset for the dates it prints (Moscow by default). */
  utcOffsetMinutes?: number;
  /** Fetch client files named in send.messages, as Bitrix24 does (default true). */
  downloadClientFiles?: boolean;
  logger?: Logger;
  /** Called after every change, so a server can write the state file. */
  onChange?: (state: PortalState) => void;
}

/**
 * The emulated portal: its state, clock, ids, tokens, limits and endpoints. Methods, events and
 * control calls all go through one of these.
 */
export class Portal {
  readonly state: PortalState;
  readonly bucket = new LeakyBucket();
  readonly faults = new Faults();
  baseUrl = 'http://localhost:3100';

  constructor(readonly options: PortalOptions) {
    this.state =
      options.state ??
      seedState({
        memberId: newMemberId(),
        clientId: options.clientId ?? DEFAULT_CLIENT_ID,
        clientSecret: options.clientSecret ?? DEFAULT_CLIENT_SECRET,
        scope: options.scope ?? DEFAULT_SCOPE,
      });
    Object.assign(this.state.config, options.config ?? {});
  }

  get config(): EmulatorConfig {
    return this.state.config;
  }

  now(): number {
    return Date.now() + this.state.config.clockOffsetMs;
  }

  unix(): number {
    return Math.floor(this.now() / 1000);
  }

  iso(ms = this.now()): string {
    return isoWithOffset(ms, this.options.utcOffsetMinutes ?? 180);
  }

  nextId(counter: CounterName): number {
    this.state.counters[counter] += 1;
    return this.state.counters[counter];
  }

  changed(): void {
    this.options.onChange?.(this.state);
  }

  /** The portal's domain: host[:port] of the emulator, as a portal would be `acme.bitrix24.com`. */
  get domain(): string {
    return new URL(this.baseUrl).host;
  }

  get clientEndpoint(): string {
    return `${this.baseUrl}/rest/`;
  }

  /** The OAuth server is the emulator itself: `<host>/oauth/token/` is derived from this. */
  get serverEndpoint(): string {
    return `${this.baseUrl}/rest/`;
  }

  productUrl(path: string): string {
    const base = this.options.productUrl;
    if (!base) throw new Error('the product URL is not configured (BITRIX24_EMULATOR_PRODUCT_URL / productUrl)');
    return `${base.replace(/\/+$/, '')}${path}`;
  }

  user(id: number): User | undefined {
    return this.state.users.find((u) => u.id === id);
  }

  userName(id: number): string {
    const u = this.user(id);
    return u ? `${u.name} ${u.lastName}`.trim() : `User ${id}`;
  }

  // --- Tokens ---

  /** A fresh access token (and refresh token when asked) for `userId`, with the unix expiry. */
  issueTokens(userId: number, withRefresh: boolean): { accessToken: string; refreshToken?: string; expires: number; expiresIn: number } {
    const ttl = this.state.config.tokenTtlSeconds;
    const accessToken = newToken();
    const expiresAt = this.now() + ttl * 1000;
    this.state.tokens.access[accessToken] = { userId, expiresAt };
    let refreshToken: string | undefined;
    if (withRefresh) {
      refreshToken = newToken();
      this.state.tokens.refresh[refreshToken] = { userId, expiresAt: this.now() + REFRESH_LIFETIME_MS, used: false };
    }
    this.pruneTokens();
    this.changed();
    return { accessToken, refreshToken, expires: Math.floor(expiresAt / 1000), expiresIn: ttl };
  }

  /** The user an OAuth access token belongs to; the REST errors of a missing, unknown or old token. */
  authenticate(token: string | undefined): number {
    if (!token) throw errors.noAuth();
    const entry = this.state.tokens.access[token];
    if (!entry || !this.state.app.installed) throw errors.invalidToken();
    if (entry.expiresAt <= this.now()) throw errors.expiredToken();
    return entry.userId;
  }

  /** Every access token stops working now (as if the TTL had passed). */
  expireAccessTokens(): void {
    for (const entry of Object.values(this.state.tokens.access)) entry.expiresAt = Math.min(entry.expiresAt, this.now());
    this.changed();
  }

  revokeAllTokens(): void {
    this.state.tokens = { access: {}, refresh: {} };
    this.changed();
  }

  private pruneTokens(): void {
    const now = this.now();
    const keepAfter = now - 3_600_000;
    for (const [token, entry] of Object.entries(this.state.tokens.access)) if (entry.expiresAt < keepAfter) delete this.state.tokens.access[token];
    for (const [token, entry] of Object.entries(this.state.tokens.refresh)) if (entry.expiresAt < now) delete this.state.tokens.refresh[token];
  }

  /** The `auth[...]` block of an event, robot or SMS call: an access token of `userId`, no refresh token. */
  eventAuth(userId: number, scopeSeparator = ', '): Record<string, string> {
    const tokens = this.issueTokens(userId, false);
    return {
      access_token: tokens.accessToken,
      expires: String(tokens.expires),
      expires_in: String(tokens.expiresIn),
      scope: this.state.app.scope.join(scopeSeparator),
      domain: this.domain,
      server_endpoint: this.serverEndpoint,
      status: 'L',
      client_endpoint: this.clientEndpoint,
      member_id: this.state.memberId,
      user_id: String(userId),
      application_token: this.state.app.applicationToken ?? '',
    };
  }
}
