/**
 * Form bodies and query strings as PHP reads and writes them: `fields[TITLE]=x`,
 * `MESSAGES[0][user][id]=7900…`, `a[]=y`. Parsing builds PHP arrays (ordered maps) and turns a map whose
 * keys are exactly 0..n-1 into a list, as `json_encode` does; encoding follows `http_build_query`
 * (brackets percent-encoded, spaces as `+`, every scalar a string).
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
type PhpArray = Map<string, PhpNode>;
type PhpNode = string | PhpArray;

function decode(part: string): string {
  const spaced = part.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** `a[b][]` → ['a', 'b', ''] (PHP ignores anything after an unclosed bracket). */
function keyPath(rawKey: string): string[] {
  const open = rawKey.indexOf('[');
  if (open <= 0) return [rawKey];
  const path = [rawKey.slice(0, open)];
  const rest = rawKey.slice(open);
  const segment = /^\[([^\]]*)\]/;
  let remaining = rest;
  let match = segment.exec(remaining);
  while (match) {
    path.push(match[1] ?? '');
    remaining = remaining.slice(match[0].length);
    match = segment.exec(remaining);
  }
  return path;
}

function nextIndex(map: PhpArray): string {
  let max = -1;
  for (const key of map.keys()) if (/^(0|[1-9]\d*)$/.test(key)) max = Math.max(max, Number(key));
  return String(max + 1);
}

function assign(root: PhpArray, path: string[], value: string): void {
  let node = root;
  for (let i = 0; i < path.length; i += 1) {
    const key = path[i] === '' ? nextIndex(node) : (path[i] as string);
    if (i === path.length - 1) {
      node.set(key, value);
      return;
    }
    let child = node.get(key);
    if (!(child instanceof Map)) {
      child = new Map();
      node.set(key, child);
    }
    node = child;
  }
}

function toJson(node: PhpNode): FormValue {
  if (typeof node === 'string') return node;
  const keys = [...node.keys()];
  if (keys.length > 0 && keys.every((key, i) => key === String(i))) return [...node.values()].map(toJson);
  return Object.fromEntries([...node.entries()].map(([key, value]) => [key, toJson(value)]));
}

export function parsePhpForm(input: string): Record<string, FormValue> {
  const root: PhpArray = new Map();
  for (const pair of input.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    if (!rawKey) continue;
    assign(root, keyPath(rawKey), value);
  }
  return Object.fromEntries([...root.entries()].map(([key, value]) => [key, toJson(value)]));
}

const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');

/** PHP's string conversion: true → "1", false → "", numbers as written; null and undefined are left out. */
function scalar(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? '1' : '';
  return String(value);
}

function flatten(prefix: string, value: unknown, out: Array<[string, string]>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => flatten(`${prefix}[${i}]`, item, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flatten(`${prefix}[${key}]`, item, out);
  } else {
    const text = scalar(value);
    if (text !== undefined) out.push([prefix, text]);
  }
}

/** The pairs `http_build_query` would produce, keys unencoded (for logs and tests). */
export function phpFormPairs(data: Record<string, unknown>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(data)) flatten(key, value, out);
  return out;
}

export function encodePhpForm(data: Record<string, unknown>): string {
  return phpFormPairs(data)
    .map(([key, value]) => `${encode(key)}=${encode(value)}`)
    .join('&');
}
