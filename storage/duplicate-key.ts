/** MongoDB's (and FerretDB's) answer when an insert hits a unique index: how the project's claims and idempotency keys say "already". */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000;
