/**
 * PHP-bracket query encoding (`fields[TITLE]=x&MESSAGES[0][user][id]=7`), the form Bitrix24 parses. The
 * `batch` method takes each command as `method?<this query>` (§1.5).
 */
export function phpQuery(params: Record<string, unknown>): string {
  const pairs: string[] = [];
  const walk = (key: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach((item, index) => walk(`${key}[${index}]`, item));
    else if (typeof value === 'object') for (const [name, item] of Object.entries(value)) walk(`${key}[${name}]`, item);
    else pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(typeof value === 'boolean' ? (value ? 'Y' : 'N') : String(value))}`);
  };
  for (const [key, value] of Object.entries(params)) walk(key, value);
  return pairs.join('&');
}
