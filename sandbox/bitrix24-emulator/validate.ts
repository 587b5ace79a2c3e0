import type { z } from 'zod';
import { errors, RestError } from './errors.js';
import type { MethodDef } from './methods/define.js';

/** Transport-level keys that are not method parameters: the token and the JS SDK's request tags. */
export function withoutTransportKeys(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => key !== 'auth' && !key.startsWith('bx24_')));
}

/** Renames top-level keys to the schema's spelling when the method ignores case. */
function matchKeys(raw: Record<string, unknown>, def: MethodDef): Record<string, unknown> {
  if (def.keys === 'exact') return raw;
  const known = new Map(Object.keys(def.params.shape).map((key) => [key.toLowerCase(), key]));
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [known.get(key.toLowerCase()) ?? key, value]));
}

const phpPath = (path: PropertyKey[]) => path.map((part, i) => (i === 0 ? String(part) : `[${String(part)}]`)).join('');

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part as string];
  }
  return node;
}

function toRestError(issue: z.core.$ZodIssue, params: Record<string, unknown>, def: MethodDef, method: string): RestError {
  if (issue.code === 'unrecognized_keys') {
    const name = phpPath([...issue.path, issue.keys[0] ?? '']);
    return errors.argument(`Argument '${name}' is not a documented parameter of ${method}`);
  }
  const name = phpPath(issue.path);
  const value = valueAt(params, issue.path);
  if (value === undefined || value === null || value === '') {
    if (def.missing === 'd7') return new RestError(400, '100', `Could not find value for parameter {${name}}`);
    return errors.argument(`Argument '${name}' is null or empty`);
  }
  return errors.argument(`Argument '${name}' is invalid: ${issue.message}`);
}

/** The method's parameters, validated against its documented ones; the REST error otherwise. */
export function validateParams(def: MethodDef, raw: Record<string, unknown>, method: string): unknown {
  const prepared = def.prepare ? def.prepare(raw) : raw;
  const params = matchKeys(prepared, def);
  const parsed = def.params.safeParse(params);
  if (parsed.success) return parsed.data;
  // An undocumented parameter is named first: that is the mistake the emulator exists to catch.
  const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0];
  throw issue ? toRestError(issue, params, def, method) : errors.argument('Invalid arguments');
}
