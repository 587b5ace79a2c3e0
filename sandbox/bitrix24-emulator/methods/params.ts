import { z } from 'zod';

/**
 * Parameter shapes that hold for JSON and form bodies alike: a form gives every scalar as a string,
 * so numbers and flags accept both spellings.
 */
export const int = z.union([z.number().int(), z.string().regex(/^-?\d+$/, 'must be an integer').transform(Number)]);
export const positiveInt = int.pipe(z.number().int().positive());
export const str = z.union([z.string(), z.number().transform(String)]);
/** A required string: empty counts as missing, as Bitrix24's "is null or empty" check does. */
export const required = str.pipe(z.string().min(1));
export const yn = z.enum(['Y', 'N']);
/** A flag given as true/false, 1/0, "1"/"0", "Y"/"N" or "true"/"false". */
export const flag = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((v) => v === true || v === 1 || (typeof v === 'string' && ['1', 'y', 'true'].includes(v.toLowerCase())));
/** A list, also when a form sends it with gaps (`a[1]=x`), which PHP keeps as a map. */
export const list = <T extends z.ZodType>(item: T) => z.union([z.array(item), z.record(z.string(), item).transform((map) => Object.values(map))]);
/** A list that must hold at least one item. */
export const nonEmpty = <T extends z.ZodType>(item: T) => list(item).refine((items) => items.length > 0, 'must not be empty');
/** A map; an empty one may arrive as `[]` (PHP's empty array) or not at all from a form. */
export const map = <T extends z.ZodType>(value: T) => z.union([z.record(z.string(), value), z.array(z.never()).length(0).transform(() => ({}))]);
export const url = z.string().refine((value) => {
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an http(s) URL');
/** A name or description: a string or a per-language map. */
export const localized = z.union([z.string().min(1), z.record(z.string(), z.string())]);
