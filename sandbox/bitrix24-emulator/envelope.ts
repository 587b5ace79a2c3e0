/**
 * The success envelope: `result` plus the `time` block every answer carries, and `total` / `next`
 * for list methods.
 */
export const PAGE_SIZE = 50;

/** A list answer; the REST layer adds `total` and, when more rows exist, `next`. */
export class Paged {
  constructor(
    readonly rows: unknown[],
    readonly total: number | undefined,
    readonly next: number | undefined,
  ) {}
}

/** One page of `rows` from `start` (a `start` of -1 skips counting, as on a portal). */
export function paged(rows: unknown[], start: number | undefined): Paged {
  const from = start === undefined || start < 0 ? 0 : start;
  const page = rows.slice(from, from + PAGE_SIZE);
  const next = from + PAGE_SIZE < rows.length ? from + PAGE_SIZE : undefined;
  return new Paged(page, start === -1 ? undefined : rows.length, next);
}

/** ISO-8601 with the portal's UTC offset, as Bitrix24 prints dates (`2024-08-29T10:34:19+03:00`). */
export function isoWithOffset(ms: number, offsetMinutes: number): string {
  const shifted = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export interface TimeBlock {
  start: number;
  finish: number;
  duration: number;
  processing: number;
  date_start: string;
  date_finish: string;
  operating_reset_at: number;
  operating: number;
}

export function timeBlock(startMs: number, finishMs: number, offsetMinutes: number): TimeBlock {
  const seconds = (finishMs - startMs) / 1000;
  return {
    start: startMs / 1000,
    finish: finishMs / 1000,
    duration: seconds,
    processing: seconds,
    date_start: isoWithOffset(startMs, offsetMinutes),
    date_finish: isoWithOffset(finishMs, offsetMinutes),
    operating_reset_at: Math.floor(startMs / 1000) + 600,
    operating: 0,
  };
}

/** `result` (or a page of it) with `time`, `total` and `next` in Bitrix24's order. */
export function successBody(result: unknown, time: TimeBlock): Record<string, unknown> {
  if (result instanceof Paged) {
    return {
      result: result.rows,
      ...(result.next !== undefined && { next: result.next }),
      ...(result.total !== undefined && { total: result.total }),
      time,
    };
  }
  return { result, time };
}
