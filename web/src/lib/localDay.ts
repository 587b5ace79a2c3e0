/**
 * An active-until date is picked as a calendar day in the browser's time zone and stored as the last
 * moment of that day, so "active until 31 January" still works on 31 January and shows that same date.
 */

/** `YYYY-MM-DD` of an ISO instant in the browser's time zone, the value of an `<input type="date">`. */
export function localDayOf(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last millisecond of a `YYYY-MM-DD` day in the browser's time zone, as an ISO instant. */
export function endOfLocalDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, month! - 1, date!, 23, 59, 59, 999).toISOString();
}
