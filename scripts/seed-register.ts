import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { SingleBar, Presets } from 'cli-progress';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { buildDataSource } from '../src/db/data-source';
import { addDays, addYears } from '../src/domain/shared/dates';
import { COMMON_SURNAMES, FORENAMES, SYLLABLES } from './register-names';

/**
 * Seeds a realistic Professional Status Register for the benchmark (issue 10): MEMBERS members (default 1,000,000)
 * of whom HOLDERS (default 250,000) hold ATS and/or QTLS, loaded with COPY. Names: common UK surnames with a steep
 * frequency (the commonest shared by tens of thousands of holders), Irish/Welsh names with apostrophes, international
 * names with accents, and a long tail of rare made-up surnames. Among holders: opt-outs, dormant (past their
 * re-accreditation date), suspended and removed statuses; among members: lapsed (by date and stored), suspended and
 * expelled memberships.
 *
 *   node dist/scripts/seed-register.js [postgres://postgres@127.0.0.1:5432/register_bench]
 *
 * The database is dropped and created afresh, then built by the migrations.
 */
const url = process.argv[2] ?? process.env.REGISTER_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/register_bench';
const MEMBERS = Number(process.env.MEMBERS ?? 1_000_000);
const HOLDERS = Number(process.env.HOLDERS ?? 250_000);
const TODAY = process.env.SEED_TODAY ?? new Date().toISOString().slice(0, 10);
const CODE_VERSION_ID = '00000000-0000-4000-b000-000000000001';
export const RARE_SURNAME = 'Quillfennick';

// A small deterministic PRNG (mulberry32), so every run seeds the same register.
let state = 0x5e7a75;
function rand(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

// Zipf-like weights over the common surnames, with Smith set to 12% of everyone; 30% of people get a rare made-up surname.
const weights = COMMON_SURNAMES.map((_, i) => 1 / Math.pow(i + 1, 0.9));
const weightSum = weights.reduce((a, b) => a + b, 0);
const cumulative: number[] = [];
weights.reduce((acc, w) => (cumulative.push((acc + w) / weightSum), acc + w), 0);
function surname(): string {
  if (rand() < 0.3) {
    const n = 2 + Math.floor(rand() * 2);
    let s = '';
    for (let i = 0; i < n; i++) s += pick(SYLLABLES);
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  const r = rand();
  if (r < 0.12 / 0.7) return COMMON_SURNAMES[0];
  const rest = rand();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < rest) lo = mid + 1;
    else hi = mid;
  }
  return COMMON_SURNAMES[Math.max(1, lo)];
}

function dateBetween(from: string, days: number): string {
  return addDays(from, Math.floor(rand() * days));
}

async function main(): Promise<void> {
  const started = performance.now();
  const target = new URL(url);
  const dbName = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const adminClient = new Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await adminClient.query(`CREATE DATABASE "${dbName}" ENCODING 'UTF8' TEMPLATE template0`);
  await adminClient.end();

  const ds = buildDataSource(url, { poolSize: 1 });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();

  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`SET synchronous_commit = off`);
  await client.query(
    `INSERT INTO code_of_practice_version (id, version, title, effective_from, summary_of_changes, published_at) VALUES ($1, '2024.1', 'SET Code of Professional Practice', '2024-01-01', 'Seed', now())`,
    [CODE_VERSION_ID],
  );

  const bar = new SingleBar({ format: 'seed {bar} {percentage}% | {value}/{total} rows | {stage} | {duration}s' }, Presets.shades_classic);
  const totalRows = MEMBERS + HOLDERS + Math.round(HOLDERS * 0.1);
  bar.start(totalRows, 0, { stage: 'members' });

  // Every 4th member holds a status, so holders are spread over the whole name distribution.
  const holderEvery = Math.max(1, Math.floor(MEMBERS / HOLDERS));
  const memberIds: string[] = new Array(HOLDERS);
  const rareHolders = 3;
  let written = 0;

  async function copy(sql: string, rows: () => Generator<string>): Promise<void> {
    const stream = client.query(copyFrom(sql));
    await pipeline(Readable.from(rows(), { objectMode: false }), stream);
  }

  await client.query(`ALTER TABLE professional_status DISABLE TRIGGER register_entry_on_status`);
  await copy(
    `COPY member (id, membership_number, given_name, family_name, email, grade, status, joined_on, renewal_date, suspension_ends_on, sector,
                  employer_name, employer_contact_email, employer_verification_consent, accepted_code_version_id, created_at, updated_at, version) FROM STDIN`,
    function* () {
      let chunk = '';
      let h = 0;
      for (let i = 0; i < MEMBERS; i++) {
        const id = randomUUID();
        const isHolder = i % holderEvery === 0 && h < HOLDERS;
        if (isHolder) memberIds[h++] = id;
        const family = isHolder && h <= rareHolders ? RARE_SURNAME : surname();
        const given = pick(FORENAMES);
        const r = rand();
        // 86% active, 8% stored lapsed, 1.5% suspended (half ending in the past), 0.5% expelled, 4% active but past renewal.
        let status = 'ACTIVE';
        let renewal = dateBetween(TODAY, 365);
        let suspensionEnds = '\\N';
        if (r < 0.08) {
          status = 'LAPSED';
          renewal = dateBetween(addYears(TODAY, -2), 700);
        } else if (r < 0.095) {
          status = 'SUSPENDED';
          suspensionEnds = rand() < 0.5 ? dateBetween(addDays(TODAY, -60), 59) : dateBetween(addDays(TODAY, 1), 200);
        } else if (r < 0.1) status = 'EXPELLED';
        else if (r < 0.14) renewal = dateBetween(addDays(TODAY, -200), 199); // lapsed by date, not yet swept
        const grade = rand() < 0.15 ? 'FELLOW' : rand() < 0.2 ? 'ASSOCIATE' : 'MEMBER';
        const number = `SET${String(1_000_001 + i).padStart(7, '0')}`;
        chunk += `${id}\t${number}\t${given}\t${family}\tm${i}@example.org\t${grade}\t${status}\t${dateBetween('2005-01-01', 7000)}\t${renewal}\t${suspensionEnds}\tFURTHER_EDUCATION\tCollege ${i % 5000}\thr${i % 5000}@college.example\tt\t${CODE_VERSION_ID}\t2024-01-01 00:00:00+00\t2024-01-01 00:00:00+00\t1\n`;
        if (i % 2000 === 1999) {
          written += 2000;
          bar.update(written);
          yield chunk;
          chunk = '';
        }
      }
      written += MEMBERS % 2000;
      bar.update(written);
      if (chunk) yield chunk;
    },
  );
  await client.query(`SELECT setval('membership_number_seq', $1)`, [1_000_001 + MEMBERS]);

  bar.update(written, { stage: 'statuses' });
  await copy(
    `COPY professional_status (member_id, title, awarded_on, reaccreditation_due_on, suspended_on, suspension_ends_on, removed_on, register_opt_out, created_at, updated_at, version) FROM STDIN`,
    function* () {
      let chunk = '';
      for (let h = 0; h < HOLDERS; h++) {
        const r = rand();
        const titles = r < 0.7 ? ['ATS'] : r < 0.9 ? ['QTLS'] : ['ATS', 'QTLS'];
        const optOut = rand() < 0.03 ? 't' : 'f';
        for (const title of titles) {
          const awarded = dateBetween('2014-01-01', 4300);
          let due = '\\N';
          if (title === 'ATS') {
            // Three-yearly re-accreditation: most keep it up (due in the future); ~12% are dormant (due date passed).
            due = addYears(awarded, 3);
            while (due < TODAY && rand() < 0.85) due = addYears(due, 3);
          }
          const s = rand();
          let suspended = '\\N';
          let suspensionEnds = '\\N';
          let removed = '\\N';
          if (s < 0.004) {
            suspended = dateBetween(addDays(TODAY, -120), 119);
            suspensionEnds = rand() < 0.5 ? addDays(suspended, 30 + Math.floor(rand() * 200)) : '\\N';
          } else if (s < 0.006) removed = dateBetween(addDays(TODAY, -400), 399);
          chunk += `${memberIds[h]}\t${title}\t${awarded}\t${due > awarded || due === '\\N' ? due : '\\N'}\t${suspended}\t${suspensionEnds}\t${removed}\t${optOut}\t2024-01-01 00:00:00+00\t2024-01-01 00:00:00+00\t1\n`;
          written++;
        }
        if (h % 2000 === 1999) {
          bar.update(written);
          yield chunk;
          chunk = '';
        }
      }
      bar.update(written);
      if (chunk) yield chunk;
    },
  );
  await client.query(`ALTER TABLE professional_status ENABLE TRIGGER register_entry_on_status`);

  bar.update(written, { stage: 'read model' });
  await client.query(`INSERT INTO register_entry SELECT * FROM register_entry_rows(NULL)`);
  bar.update(totalRows, { stage: 'vacuum analyze' });
  await client.query(`VACUUM (ANALYZE) member`);
  await client.query(`VACUUM (ANALYZE) professional_status`);
  // Index-only scans (the register's counts) need the visibility map set; VACUUM can set it only once no open
  // transaction anywhere on the server is older than the load, so try again for a while if it could not.
  for (let attempt = 0; attempt < 60; attempt++) {
    await client.query(`VACUUM (ANALYZE) register_entry`);
    const { rows } = await client.query(`SELECT relallvisible::float / greatest(relpages, 1) AS visible FROM pg_class WHERE relname = 'register_entry'`);
    if (rows[0].visible > 0.95) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  bar.stop();

  const stats = await client.query(`
    SELECT (SELECT count(*) FROM member) AS members, (SELECT count(*) FROM professional_status) AS statuses, (SELECT count(*) FROM register_entry) AS holders,
           (SELECT count(*) FROM register_entry WHERE surname_key = 'smith') AS smith_holders,
           (SELECT count(*) FROM register_entry WHERE surname_key = register_search_key($1)) AS rare_holders,
           (SELECT count(*) FROM register_entry WHERE ats_opt_out OR qtls_opt_out) AS opted_out,
           (SELECT count(*) FROM register_entry WHERE ats_due_on < $2::date) AS dormant_ats`,
    [RARE_SURNAME, TODAY],
  );
  await client.end();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`seeded ${url.replace(/\/\/[^@]*@/, '//')} in ${seconds} s: ${JSON.stringify(stats.rows[0])}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
