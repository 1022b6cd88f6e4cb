import Holidays from 'date-holidays';
import { addDays, dayOfWeek, type LocalDate } from './dates';

/**
 * Working days for ATS-25.2 and ATS-27: Monday to Friday, less England-and-Wales bank holidays
 * (substitute days included), taken from the maintained `date-holidays` data set rather than a hand list.
 */
export class WorkingDayCalendar {
  private readonly holidays = new Holidays('GB', 'ENG');
  private readonly byYear = new Map<number, Set<LocalDate>>();

  bankHolidays(year: number): Set<LocalDate> {
    let set = this.byYear.get(year);
    if (!set) {
      set = new Set(
        (this.holidays.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)),
      );
      this.byYear.set(year, set);
    }
    return set;
  }

  isBankHoliday(date: LocalDate): boolean {
    return this.bankHolidays(Number(date.slice(0, 4))).has(date);
  }

  isWorkingDay(date: LocalDate): boolean {
    const dow = dayOfWeek(date);
    return dow !== 0 && dow !== 6 && !this.isBankHoliday(date);
  }

  /** The date `n` working days after `date` (n > 0) or before it (n < 0); `date` itself is not counted. */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    const step = n >= 0 ? 1 : -1;
    let remaining = Math.abs(n);
    let current = date;
    while (remaining > 0) {
      current = addDays(current, step);
      if (this.isWorkingDay(current)) remaining--;
    }
    return current;
  }

  /** Working days strictly after `from` up to and including `to`. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++;
    return count;
  }
}
