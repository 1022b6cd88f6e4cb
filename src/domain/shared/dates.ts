/**
 * Calendar dates in the UK (Europe/London), per DOMAIN.md "Time".
 * A LocalDate is an ISO `YYYY-MM-DD` string; arithmetic on it never touches a time zone.
 */
export type LocalDate = string;

export const LONDON = 'Europe/London';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLocalDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function parseLocalDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`"${value}" is not a calendar date (YYYY-MM-DD)`);
  return value;
}

function toUtcMidnight(date: LocalDate): Date {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
}

function fromUtcMidnight(d: Date): LocalDate {
  return d.toISOString().slice(0, 10);
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function londonFields(instant: Date): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts = Object.fromEntries(londonParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return { y: +parts.year, mo: +parts.month, d: +parts.day, h: +parts.hour, mi: +parts.minute, s: +parts.second };
}

const HOUR_MS = 3_600_000;
// London's offset is a whole number of hours and changes only on a UTC hour (01:00 UTC), so its midnight falls on a
// UTC hour too: every instant of one UTC hour has the same London date. Remembering the last hour's date keeps the
// Intl formatter off hot paths (the public register asks for today on every request).
let lastHour = Number.NaN;
let lastHourDate: LocalDate = '';

/** The London calendar date at an instant. */
export function londonDateOf(instant: Date): LocalDate {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  if (hour === lastHour) return lastHourDate;
  const f = londonFields(instant);
  const date = `${f.y}-${String(f.mo).padStart(2, '0')}-${String(f.d).padStart(2, '0')}`;
  if (Number.isFinite(hour)) [lastHour, lastHourDate] = [hour, date];
  return date;
}

/** London's UTC offset in ms at an instant (0 in GMT, 3,600,000 in BST). */
function londonOffsetMs(instant: Date): number {
  const f = londonFields(instant);
  const asUtc = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant of a London wall-clock time on a date. */
export function londonInstant(date: LocalDate, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const wall = toUtcMidnight(date).getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  let guess = wall - londonOffsetMs(new Date(wall));
  guess = wall - londonOffsetMs(new Date(guess));
  return new Date(guess);
}

export function startOfLondonDay(date: LocalDate): Date {
  return londonInstant(date);
}

/** A deadline "on date D" runs until 23:59:59.999 London time on D. */
export function endOfLondonDay(date: LocalDate): Date {
  return new Date(startOfLondonDay(addDays(date, 1)).getTime() - 1);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMidnight(new Date(toUtcMidnight(date).getTime() + days * DAY_MS));
}

/** Same day-of-month `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const d = toUtcMidnight(date);
  const targetMonthIndex = d.getUTCMonth() + months;
  const y = d.getUTCFullYear() + Math.floor(targetMonthIndex / 12);
  const m = ((targetMonthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return fromUtcMidnight(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay))));
}

export function addYears(date: LocalDate, years: number): LocalDate {
  return addMonths(date, years * 12);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMidnight(to).getTime() - toUtcMidnight(from).getTime()) / DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return toUtcMidnight(date).getUTCDay();
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const isBefore = (a: LocalDate, b: LocalDate) => a < b;
export const isAfter = (a: LocalDate, b: LocalDate) => a > b;
export const isOnOrBefore = (a: LocalDate, b: LocalDate) => a <= b;
export const isOnOrAfter = (a: LocalDate, b: LocalDate) => a >= b;

export function monthAndDay(date: LocalDate): { month: number; day: number } {
  const d = toUtcMidnight(date);
  return { month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Today's London calendar date on the injected clock. */
export function londonToday(clock: { now(): Date }): LocalDate {
  return londonDateOf(clock.now());
}
