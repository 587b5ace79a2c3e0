import { randomBytes } from 'node:crypto';

/** Opaque hex strings of the lengths a portal uses: member_id and application_token 32, tokens 70. */
export const hex = (bytes: number) => randomBytes(bytes).toString('hex');
export const newMemberId = () => hex(16);
export const newApplicationToken = () => hex(16);
export const newToken = () => hex(35);
/** A workflow id as PHP's `uniqid('', true)` prints it: `65f1e2a3b4c5d6.12345678`. */
export const newWorkflowId = () => `${hex(7)}.${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')}`;
