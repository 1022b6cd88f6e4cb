import type { LocalDate } from '../../shared/dates';
import { isStatusCurrent } from '../listing';
import { isCurrentMember } from '../../membership/membership.rules';
import type { MemberStatus } from '../../membership/membership.enums';
import { StatusTitle } from '../register.enums';

/**
 * DEC-G2 / ATS-41 / ATS-43 / ATS-50 / ATS-56: THE listing condition of the public register, in one place, as SQL for
 * a London date and as a TypeScript predicate for one row (test/api/register-listing-parity.test.ts proves they agree
 * on every combination of dates around the boundaries). Nothing is stored as a flag: every date-driven condition
 * (dormancy the day after the due date, a suspension's end, the renewal date) is evaluated for the request's date.
 *
 * A status row is listed on `today` exactly when it exists, is not removed, is not suspended today, is not dormant
 * (`today <= reaccreditation_due_on`), and is not opted out; the holder is listed while at least one of their status
 * rows is, and they are a current member (ACTIVE, or SUSPENDED with a suspension that ended by `today`; and
 * `today <= renewal_date`), as in membership.rules `isCurrentMember`.
 */

/** SQL column expressions of one status row (professional_status, or one title's columns of register_entry). */
export interface StatusColumns {
  awardedOn: string;
  reaccreditationDueOn: string;
  suspendedOn: string;
  suspensionEndsOn: string;
  removedOn: string;
  registerOptOut: string;
}

/** SQL column expressions of the holder's membership. */
export interface MemberColumns {
  status: string;
  renewalDate: string;
  suspensionEndsOn: string;
}

/** ATS-41/50/56: the status row itself is listable on `today` (a SQL expression yielding date, e.g. `$1::date`). */
export function statusListedSql(c: StatusColumns, today: string): string {
  return (
    `(${c.awardedOn} IS NOT NULL AND ${c.removedOn} IS NULL` +
    ` AND NOT (${c.suspendedOn} IS NOT NULL AND ${c.suspendedOn} <= ${today} AND (${c.suspensionEndsOn} IS NULL OR ${today} < ${c.suspensionEndsOn}))` +
    ` AND (${c.reaccreditationDueOn} IS NULL OR ${today} <= ${c.reaccreditationDueOn})` +
    ` AND NOT ${c.registerOptOut})`
  );
}

/** ATS-41/43, DEC-M1, DEC-G2: the holder is a current member on `today`. */
export function memberCurrentSql(c: MemberColumns, today: string): string {
  return (
    `((${c.status} = 'ACTIVE' OR (${c.status} = 'SUSPENDED' AND ${c.suspensionEndsOn} IS NOT NULL AND ${c.suspensionEndsOn} <= ${today}))` +
    ` AND ${today} <= ${c.renewalDate})`
  );
}

/** Raw columns of `register_entry` (alias `e`) for one title. */
export function entryStatusColumns(alias: string, title: StatusTitle): StatusColumns {
  const p = `${alias}.${title === StatusTitle.ATS ? 'ats' : 'qtls'}_`;
  return {
    awardedOn: `${p}awarded_on`,
    reaccreditationDueOn: `${p}due_on`,
    suspendedOn: `${p}suspended_on`,
    suspensionEndsOn: `${p}suspension_ends_on`,
    removedOn: `${p}removed_on`,
    registerOptOut: `${p}opt_out`,
  };
}

export function entryMemberColumns(alias: string): MemberColumns {
  return { status: `${alias}.member_status`, renewalDate: `${alias}.renewal_date`, suspensionEndsOn: `${alias}.member_suspension_ends_on` };
}

/** Columns of `professional_status` and `member` (for readers of the source tables, e.g. certificate verification). */
export function sourceStatusColumns(alias: string): StatusColumns {
  return {
    awardedOn: `${alias}.awarded_on`,
    reaccreditationDueOn: `${alias}.reaccreditation_due_on`,
    suspendedOn: `${alias}.suspended_on`,
    suspensionEndsOn: `${alias}.suspension_ends_on`,
    removedOn: `${alias}.removed_on`,
    registerOptOut: `${alias}.register_opt_out`,
  };
}

export function sourceMemberColumns(alias: string): MemberColumns {
  return { status: `${alias}.status`, renewalDate: `${alias}.renewal_date`, suspensionEndsOn: `${alias}.suspension_ends_on` };
}

/**
 * A register_entry row listed on `today`, optionally for one title only. The read model stores, per entry, the set of dates on which each title is listed
 * (computed from the same stored dates by register_status_listed_on ∩ register_member_current_on, the SQL twins of
 * statusListedSql ∩ memberCurrentSql), so the request's date is still what decides, at one operator per row.
 */
export function entryListedSql(alias: string, today: string, title: StatusTitle | 'ANY' = 'ANY'): string {
  const column = title === StatusTitle.ATS ? 'ats_listed_on' : title === StatusTitle.QTLS ? 'qtls_listed_on' : 'listed_on';
  return `(${alias}.${column} @> ${today})`;
}

/** The titles listed today, as a text[] expression (ATS before QTLS). */
export function entryTitlesSql(alias: string, today: string): string {
  return `array_remove(ARRAY[CASE WHEN ${alias}.ats_listed_on @> ${today} THEN 'ATS' END, CASE WHEN ${alias}.qtls_listed_on @> ${today} THEN 'QTLS' END], NULL)`;
}

/** One status row, as read from the database (dates as YYYY-MM-DD). */
export interface StatusRow {
  awardedOn: LocalDate | null;
  reaccreditationDueOn: LocalDate | null;
  suspendedOn: LocalDate | null;
  suspensionEndsOn: LocalDate | null;
  removedOn: LocalDate | null;
  registerOptOut: boolean;
}

export interface MemberRow {
  status: MemberStatus;
  renewalDate: LocalDate;
  suspensionEndsOn: LocalDate | null;
}

/** The TypeScript twin of statusListedSql: the same primitives as the rest of the domain (register/listing.ts). */
export function isStatusListed(s: StatusRow, today: LocalDate): boolean {
  return !!s.awardedOn && isStatusCurrent(s, today) && !s.registerOptOut;
}

/** The TypeScript twin of entryListedSql: the holder is listed with these titles (empty: not listed). */
export function listedTitles(member: MemberRow, statuses: Partial<Record<StatusTitle, StatusRow>>, today: LocalDate): StatusTitle[] {
  if (!isCurrentMember(member, today)) return [];
  return [StatusTitle.ATS, StatusTitle.QTLS].filter((t) => statuses[t] && isStatusListed(statuses[t]!, today));
}
