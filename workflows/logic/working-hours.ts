import type { WorkingHours } from '../../domain/bot-script.js';

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The local ISO weekday and minute of the day of `now` in `timezone`. */
export function localTime(now: number, timezone: string): { weekday: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(now));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: WEEKDAYS[part('weekday')] ?? 1, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether `now` falls in the working hours. Hours that run past midnight (`to` < `from`) belong to the
 * day they start on, so Friday 22:00–02:00 covers Saturday 01:00 but not Friday 01:00. Disabled hours
 * mean always open; equal `from` and `to` mean the whole day.
 */
export function withinWorkingHours(hours: WorkingHours, now: number): boolean {
  if (!hours.enabled) return true;
  const { weekday, minute } = localTime(now, hours.timezone);
  const from = minutes(hours.from);
  const to = minutes(hours.to);
  if (from === to) return hours.days.includes(weekday);
  if (from < to) return hours.days.includes(weekday) && minute >= from && minute < to;
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  return (hours.days.includes(weekday) && minute >= from) || (hours.days.includes(yesterday) && minute < to);
}
