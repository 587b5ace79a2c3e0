/**
 * Phones known to have WhatsApp, so that only a first message to a number costs a lookup. Only
 * positive answers are kept (a number may join WhatsApp later), and only the most recent ones.
 */
export interface KnownRecipients {
  add(phone: string): void;
  has(phone: string): boolean;
}

export function createKnownRecipients(capacity = 5000): KnownRecipients {
  const known = new Set<string>();
  return {
    add(phone) {
      known.delete(phone);
      known.add(phone);
      const oldest = known.values().next();
      if (known.size > capacity && !oldest.done) known.delete(oldest.value);
    },
    has: (phone) => known.has(phone),
  };
}
