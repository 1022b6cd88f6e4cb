import { addDays, type LocalDate } from '../../src/domain/shared/dates';
import { memberCurrentSql, isStatusListed, sourceMemberColumns, sourceStatusColumns, statusListedSql, type StatusRow } from '../../src/domain/register/public/listing.sql';
import { isCurrentMember } from '../../src/domain/membership/membership.rules';
import type { MemberStatus } from '../../src/domain/membership/membership.enums';
import { createTestApp, expectNoErrors, type TestApp } from '../support/harness';
import { createHolder, EMPLOYER_CHECK_QUERY, REGISTER_QUERY, updateMember, updateStatus } from '../support/register-factories';

/** DEC-G2 / ATS-41 / ATS-43 / ATS-50 / ATS-56: each listing condition flipped, including by the date alone. */
describe('Professional Status Register listing rules (DEC-G2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
  });
  afterAll(() => t.close());

  async function listedByName(name: string): Promise<string[]> {
    const res = await t.gql(REGISTER_QUERY, { name, first: 50 });
    expectNoErrors(res);
    return res.data!.professionalStatusRegister.nodes.map((n: { fullName: string }) => n.fullName);
  }
  async function listedByNumber(number: string): Promise<boolean> {
    const res = await t.gql(REGISTER_QUERY, { membershipNumber: number });
    expectNoErrors(res);
    return res.data!.professionalStatusRegister.totalCount === 1;
  }
  async function expectListed(name: string, number: string, listed: boolean): Promise<void> {
    expect((await listedByName(name)).length > 0).toBe(listed);
    expect(await listedByNumber(number)).toBe(listed);
    const check = await t.gql(EMPLOYER_CHECK_QUERY, { numbers: [number] });
    expectNoErrors(check);
    expect(check.data!.employerCheck[0].listed).toBe(listed);
  }

  it('ATS-41: leaves the register at once when the holder opts out, and returns when they opt back in', async () => {
    t.setToday('2026-11-23');
    const h = await createHolder(t.dataSource, { givenName: 'Oona', familyName: 'Optwell' });
    await expectListed('optwell', h.membershipNumber, true);
    await updateStatus(t.dataSource, h.statusIds.ATS, { register_opt_out: true });
    await expectListed('optwell', h.membershipNumber, false);
    await updateStatus(t.dataSource, h.statusIds.ATS, { register_opt_out: false });
    await expectListed('optwell', h.membershipNumber, true);
  });

  it('ATS-50 / DEC-R1: listed on the re-accreditation due date, dormant and gone the day after, with no sweep', async () => {
    const h = await createHolder(t.dataSource, { givenName: 'Dora', familyName: 'Dormantova', statuses: [{ title: 'ATS', awardedOn: '2023-12-01', reaccreditationDueOn: '2026-12-01' }] });
    t.setToday('2026-12-01');
    await expectListed('dormantova', h.membershipNumber, true);
    t.setToday('2026-12-02');
    await expectListed('dormantova', h.membershipNumber, false);
    // Re-accredited: the next due date is three years on.
    await updateStatus(t.dataSource, h.statusIds.ATS, { reaccreditation_due_on: '2029-12-01' });
    await expectListed('dormantova', h.membershipNumber, true);
  });

  it('ATS-56 / DEC-G2: a suspended status is off the register until the day its suspension ends, then back by date alone', async () => {
    t.setToday('2026-11-23');
    const h = await createHolder(t.dataSource, { givenName: 'Sasha', familyName: 'Suspendu' });
    await expectListed('suspendu', h.membershipNumber, true);
    await updateStatus(t.dataSource, h.statusIds.ATS, { suspended_on: '2026-11-23', suspension_ends_on: '2026-12-10' });
    await expectListed('suspendu', h.membershipNumber, false);
    t.setToday('2026-12-09');
    await expectListed('suspendu', h.membershipNumber, false);
    t.setToday('2026-12-10');
    await expectListed('suspendu', h.membershipNumber, true);
  });

  it('ATS-56: a removed status leaves the register at once', async () => {
    t.setToday('2026-11-23');
    const h = await createHolder(t.dataSource, { givenName: 'Rory', familyName: 'Removedale' });
    await expectListed('removedale', h.membershipNumber, true);
    await updateStatus(t.dataSource, h.statusIds.ATS, { removed_on: '2026-11-23' });
    await expectListed('removedale', h.membershipNumber, false);
  });

  it('ATS-43 / DEC-M1: a holder whose membership passes its renewal date unrenewed leaves the register the next day', async () => {
    const h = await createHolder(t.dataSource, { givenName: 'Lara', familyName: 'Lapsington', renewalDate: '2026-12-31' });
    t.setToday('2026-12-31');
    await expectListed('lapsington', h.membershipNumber, true);
    t.setToday('2027-01-01');
    await expectListed('lapsington', h.membershipNumber, false);
    await updateMember(t.dataSource, h.memberId, { renewal_date: '2027-12-31' });
    await expectListed('lapsington', h.membershipNumber, true);
  });

  it('COP-6 / DEC-G2: a suspended member is off the register until the membership suspension ends by date', async () => {
    t.setToday('2026-11-23');
    const h = await createHolder(t.dataSource, { givenName: 'Mina', familyName: 'Memsuspend' });
    await expectListed('memsuspend', h.membershipNumber, true);
    await updateMember(t.dataSource, h.memberId, { status: 'SUSPENDED', suspension_ends_on: '2027-01-10' });
    await expectListed('memsuspend', h.membershipNumber, false);
    t.setToday('2027-01-09');
    await expectListed('memsuspend', h.membershipNumber, false);
    t.setToday('2027-01-10');
    await expectListed('memsuspend', h.membershipNumber, true);
  });

  it('COP-6: an expelled member, and a member stored as LAPSED, are not listed', async () => {
    t.setToday('2026-11-23');
    const e = await createHolder(t.dataSource, { givenName: 'Evan', familyName: 'Expelby' });
    await expectListed('expelby', e.membershipNumber, true);
    await updateMember(t.dataSource, e.memberId, { status: 'EXPELLED' });
    await expectListed('expelby', e.membershipNumber, false);
    const l = await createHolder(t.dataSource, { givenName: 'Lew', familyName: 'Lapsedstore', status: 'LAPSED' });
    await expectListed('lapsedstore', l.membershipNumber, false);
  });

  it('lists only the titles listed today: a dormant ATS hides ATS while QTLS stays', async () => {
    const h = await createHolder(t.dataSource, {
      givenName: 'Tam',
      familyName: 'Twotitles',
      statuses: [
        { title: 'ATS', awardedOn: '2023-12-01', reaccreditationDueOn: '2026-12-01' },
        { title: 'QTLS', awardedOn: '2019-05-01' },
      ],
    });
    t.setToday('2026-12-01');
    let res = await t.gql(REGISTER_QUERY, { name: 'twotitles' });
    expect(res.data!.professionalStatusRegister.nodes[0].titles).toEqual(['ATS', 'QTLS']);
    t.setToday('2026-12-02');
    res = await t.gql(REGISTER_QUERY, { name: 'twotitles' });
    expect(res.data!.professionalStatusRegister.nodes[0].titles).toEqual(['QTLS']);
    res = await t.gql(REGISTER_QUERY, { name: 'twotitles', title: 'ATS' });
    expect(res.data!.professionalStatusRegister.totalCount).toBe(0);
    expect(h.membershipNumber).toMatch(/^SET/);
  });

  it('ATS-41: a search that finds nobody answers exactly the same whatever the reason (opted out, lapsed, suspended, removed, unknown)', async () => {
    t.setToday('2026-11-23');
    const opted = await createHolder(t.dataSource, { givenName: 'Same', familyName: 'Answerone', statuses: [{ title: 'ATS', awardedOn: '2025-01-01', registerOptOut: true }] });
    const lapsed = await createHolder(t.dataSource, { givenName: 'Same', familyName: 'Answertwo', renewalDate: '2026-01-01' });
    const suspended = await createHolder(t.dataSource, { givenName: 'Same', familyName: 'Answerthree', status: 'SUSPENDED' });
    const removed = await createHolder(t.dataSource, { givenName: 'Same', familyName: 'Answerfour', statuses: [{ title: 'QTLS', awardedOn: '2025-01-01', removedOn: '2026-02-01' }] });
    const bodies = new Set<string>();
    const headers = new Set<string>();
    for (const number of [opted.membershipNumber, lapsed.membershipNumber, suspended.membershipNumber, removed.membershipNumber, 'SET9999999', 'not-a-number']) {
      const res = await t.http().post('/graphql').send({ query: REGISTER_QUERY, variables: { membershipNumber: number } });
      bodies.add(JSON.stringify(res.body));
      headers.add(`${res.status} ${res.headers['cache-control']}`);
    }
    for (const name of ['answerone', 'answertwo', 'answerthree', 'answerfour', 'nobodyhere']) {
      const res = await t.http().post('/graphql').send({ query: REGISTER_QUERY, variables: { name } });
      bodies.add(JSON.stringify(res.body));
    }
    expect([...bodies]).toEqual([JSON.stringify({ data: { professionalStatusRegister: { totalCount: 0, pageInfo: { endCursor: null, hasNextPage: false }, nodes: [] } } })]);
    expect(headers.size).toBe(1);
    const check = await t.gql(EMPLOYER_CHECK_QUERY, { numbers: [opted.membershipNumber, lapsed.membershipNumber, 'SET9999999'] });
    expect(check.data!.employerCheck.map((c: { listed: boolean; entry: unknown }) => [c.listed, c.entry])).toEqual([
      [false, null],
      [false, null],
      [false, null],
    ]);
  });
});

describe('the listing condition in SQL and in TypeScript', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(() => t.close());

  const T: LocalDate = '2026-11-23';
  const around = (withNull: boolean) => [...(withNull ? [null] : []), addDays(T, -1), T, addDays(T, 1)];

  it('agree on every combination of status dates around today', async () => {
    const rows: (StatusRow & { i: number })[] = [];
    for (const awardedOn of [null, '2024-01-01'])
      for (const suspendedOn of around(true))
        for (const suspensionEndsOn of around(true))
          for (const reaccreditationDueOn of around(true))
            for (const removedOn of [null, T])
              for (const registerOptOut of [false, true]) rows.push({ i: rows.length, awardedOn, suspendedOn, suspensionEndsOn, reaccreditationDueOn, removedOn, registerOptOut });
    const sql = statusListedSql(sourceStatusColumns('s'), '$2::date');
    const result: { i: number; listed: boolean }[] = await t.dataSource.query(
      `SELECT s.i, ${sql} AS listed FROM jsonb_to_recordset($1::jsonb) AS s(i int, awarded_on date, reaccreditation_due_on date, suspended_on date, suspension_ends_on date, removed_on date, register_opt_out boolean)`,
      [
        JSON.stringify(rows.map((r) => ({ i: r.i, awarded_on: r.awardedOn, reaccreditation_due_on: r.reaccreditationDueOn, suspended_on: r.suspendedOn, suspension_ends_on: r.suspensionEndsOn, removed_on: r.removedOn, register_opt_out: r.registerOptOut }))),
        T,
      ],
    );
    expect(result).toHaveLength(rows.length);
    const disagreements = result.filter((r) => r.listed !== isStatusListed(rows[r.i], T));
    expect(disagreements).toEqual([]);
    // Both answers occur, so the comparison means something.
    expect(new Set(result.map((r) => r.listed)).size).toBe(2);

    // The read model's date sets (register_status_listed_on) say the same for today.
    const sets: { i: number; listed: boolean }[] = await t.dataSource.query(
      `SELECT s.i, register_status_listed_on(s.awarded_on, s.reaccreditation_due_on, s.suspended_on, s.suspension_ends_on, s.removed_on, s.register_opt_out) @> $2::date AS listed
         FROM jsonb_to_recordset($1::jsonb) AS s(i int, awarded_on date, reaccreditation_due_on date, suspended_on date, suspension_ends_on date, removed_on date, register_opt_out boolean)`,
      [
        JSON.stringify(rows.map((r) => ({ i: r.i, awarded_on: r.awardedOn, reaccreditation_due_on: r.reaccreditationDueOn, suspended_on: r.suspendedOn, suspension_ends_on: r.suspensionEndsOn, removed_on: r.removedOn, register_opt_out: r.registerOptOut }))),
        T,
      ],
    );
    expect(sets.filter((r) => r.listed !== isStatusListed(rows[r.i], T))).toEqual([]);
  });

  it('agree on every combination of membership status and dates around today', async () => {
    const rows: { i: number; status: MemberStatus; renewalDate: LocalDate; suspensionEndsOn: LocalDate | null }[] = [];
    for (const status of ['ACTIVE', 'LAPSED', 'SUSPENDED', 'EXPELLED'] as MemberStatus[])
      for (const renewalDate of around(false)) for (const suspensionEndsOn of around(true)) rows.push({ i: rows.length, status, renewalDate: renewalDate!, suspensionEndsOn });
    const sql = memberCurrentSql(sourceMemberColumns('m'), '$2::date');
    const result: { i: number; current: boolean }[] = await t.dataSource.query(
      `SELECT m.i, ${sql} AS current FROM jsonb_to_recordset($1::jsonb) AS m(i int, status text, renewal_date date, suspension_ends_on date)`,
      [JSON.stringify(rows.map((r) => ({ i: r.i, status: r.status, renewal_date: r.renewalDate, suspension_ends_on: r.suspensionEndsOn }))), T],
    );
    expect(result.filter((r) => r.current !== isCurrentMember(rows[r.i], T))).toEqual([]);
    expect(new Set(result.map((r) => r.current)).size).toBe(2);
    const sets: { i: number; current: boolean }[] = await t.dataSource.query(
      `SELECT m.i, register_member_current_on(m.status, m.renewal_date, m.suspension_ends_on) @> $2::date AS current FROM jsonb_to_recordset($1::jsonb) AS m(i int, status text, renewal_date date, suspension_ends_on date)`,
      [JSON.stringify(rows.map((r) => ({ i: r.i, status: r.status, renewal_date: r.renewalDate, suspension_ends_on: r.suspensionEndsOn }))), T],
    );
    expect(sets.filter((r) => r.current !== isCurrentMember(rows[r.i], T))).toEqual([]);
  });
});
