import { addDays, addMonths, addYears, daysBetween, endOfLondonDay, londonDateOf, londonInstant } from '../../src/domain/shared/dates';
import { WorkingDayCalendar } from '../../src/domain/shared/working-days';

describe('London calendar dates (DOMAIN.md Time)', () => {
  it('reads the London date, not the UTC one, in summer time', () => {
    expect(londonDateOf(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonDateOf(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('gives every instant the London date of the time-zone database, across both clock changes (the date is remembered per UTC hour)', () => {
    const formatter = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
    // Every 20 minutes of 2026, 2027 and their clock changes, in an order that keeps revisiting earlier hours.
    const start = Date.UTC(2026, 0, 1);
    const instants: number[] = [];
    for (let t = start; t < Date.UTC(2028, 0, 1); t += 20 * 60_000) instants.push(t, t + 59 * 60_000 + 59_999, start + ((t - start) * 7) % (Date.UTC(2028, 0, 1) - start));
    const wrong = instants.filter((t) => londonDateOf(new Date(t)) !== formatter.format(t)).map((t) => new Date(t).toISOString());
    expect(instants.length).toBeGreaterThan(150_000);
    expect(wrong).toEqual([]);
  });

  it('ends a deadline on D at 23:59:59.999 London time, in BST and in GMT', () => {
    expect(endOfLondonDay('2026-08-31').toISOString()).toBe('2026-08-31T22:59:59.999Z');
    expect(endOfLondonDay('2026-12-01').toISOString()).toBe('2026-12-01T23:59:59.999Z');
  });

  it('handles the days the clocks change', () => {
    expect(londonInstant('2026-03-29', 12).toISOString()).toBe('2026-03-29T11:00:00.000Z');
    expect(londonInstant('2026-10-25', 12).toISOString()).toBe('2026-10-25T12:00:00.000Z');
    expect(endOfLondonDay('2026-03-29').toISOString()).toBe('2026-03-29T22:59:59.999Z');
  });

  it('counts "one month" to the same day-of-month, clamped to the month end', () => {
    expect(addMonths('2026-03-15', 1)).toBe('2026-04-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addYears('2028-02-29', 3)).toBe('2031-02-28');
  });

  it('includes D+14 in "14 calendar days from D" (DEC-T1)', () => {
    expect(addDays('2026-10-01', 14)).toBe('2026-10-15');
    expect(daysBetween('2026-10-01', '2026-10-15')).toBe(14);
  });
});

describe(WorkingDayCalendar.name, () => {
  const calendar = new WorkingDayCalendar();

  it('knows England-and-Wales bank holidays, substitute days included', () => {
    expect(calendar.isBankHoliday('2026-12-25')).toBe(true);
    expect(calendar.isBankHoliday('2026-12-28')).toBe(true); // Boxing Day falls on a Saturday
    expect(calendar.isBankHoliday('2027-03-26')).toBe(true); // Good Friday
    expect(calendar.isBankHoliday('2027-03-29')).toBe(true); // Easter Monday
    expect(calendar.isBankHoliday('2026-08-31')).toBe(true); // Summer bank holiday (England, not Scotland)
    expect(calendar.isBankHoliday('2026-11-30')).toBe(false); // St Andrew's Day is Scotland only
  });

  it('counts five working days after a deadline just before Christmas past the bank holidays', () => {
    // Wed 23 Dec 2026: Thu 24, (Fri 25 hol, Sat, Sun, Mon 28 sub hol), Tue 29, Wed 30, Thu 31, (Fri 1 Jan hol), Mon 4
    expect(calendar.addWorkingDays('2026-12-23', 5)).toBe('2027-01-04');
  });

  it('counts five working days after a deadline the Thursday before Easter past Good Friday and Easter Monday', () => {
    // Thu 25 Mar 2027: (Fri 26 hol, Sat, Sun, Mon 29 hol) Tue 30, Wed 31, Thu 1, Fri 2, Mon 5
    expect(calendar.addWorkingDays('2027-03-25', 5)).toBe('2027-04-05');
  });

  it('counts working days backwards for "more than five working days before" (ATS-25.2)', () => {
    expect(calendar.addWorkingDays('2027-01-04', -5)).toBe('2026-12-23');
    expect(calendar.workingDaysBetween('2026-12-23', '2027-01-04')).toBe(5);
  });
});
