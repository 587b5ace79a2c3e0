import type { Portal } from './portal.js';
import type { CrmItem, PortalState } from './state.js';

export const digits = (phone: string) => phone.replace(/(?:ext|доб|#).*$/i, '').replace(/\D/g, '');

type PhoneInput = Array<{ VALUE?: unknown; VALUE_TYPE?: unknown }> | undefined;

/** Adds a contact or lead; unknown fields are kept as given (a portal ignores them silently). */
export function addCrmItem(portal: Portal, kind: 'contacts' | 'leads', fields: Record<string, unknown>): number {
  const id = portal.nextId('crm');
  const phones = ((fields.PHONE as PhoneInput) ?? [])
    .filter((p) => p && typeof p.VALUE === 'string' && p.VALUE !== '')
    .map((p) => ({ id: portal.nextId('phone'), value: String(p.VALUE), valueType: typeof p.VALUE_TYPE === 'string' ? p.VALUE_TYPE : 'WORK' }));
  const item: CrmItem = { id, fields: { ...fields, PHONE: undefined }, phones, createdAt: portal.now() };
  portal.state[kind].push(item);
  portal.changed();
  return id;
}

/** crm.duplicate.findbycomm: ids by entity type, or `[]` (PHP's empty array) when nothing matches. */
export function findByPhone(state: PortalState, values: string[], entityType: 'LEAD' | 'CONTACT' | 'COMPANY' | undefined): Record<string, number[]> | [] {
  const wanted = new Set(values.map(digits).filter(Boolean));
  const match = (items: CrmItem[]) => items.filter((item) => item.phones.some((p) => wanted.has(digits(p.value)))).map((item) => item.id);
  const found: Record<string, number[]> = {};
  const types = entityType ? [entityType] : (['CONTACT', 'LEAD'] as const);
  for (const type of types) {
    const ids = type === 'CONTACT' ? match(state.contacts) : type === 'LEAD' ? match(state.leads) : [];
    if (ids.length > 0) found[type] = ids;
  }
  // With 20 or more hits of one type, the other types are left out.
  const big = Object.entries(found).find(([, ids]) => ids.length >= 20);
  if (big) return { [big[0]]: big[1] };
  return Object.keys(found).length === 0 ? [] : found;
}

/** A contact or lead as crm.*.get prints it: string ids, multi-field PHONE. */
export function crmView(item: CrmItem, portal: Portal): Record<string, unknown> {
  const fields = Object.fromEntries(Object.entries(item.fields).filter(([, v]) => v !== undefined));
  return {
    ID: String(item.id),
    ...fields,
    DATE_CREATE: portal.iso(item.createdAt),
    HAS_PHONE: item.phones.length > 0 ? 'Y' : 'N',
    ...(item.phones.length > 0 && {
      PHONE: item.phones.map((p) => ({ ID: String(p.id), VALUE_TYPE: p.valueType, VALUE: p.value, TYPE_ID: 'PHONE' })),
    }),
  };
}
