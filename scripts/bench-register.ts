import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';

/**
 * Benchmark of the public register over HTTP (issue 10): for each of the four query shapes, autocannon with 32
 * connections drives (1) a bare Node http + pg endpoint issuing the same SQL and returning the same JSON, (2) the API
 * (NODE_ENV=production) with the public response cache off, (3) the API with it on, and (4) the API with the register
 * fast path off (every request through Apollo's pipeline: what the fast path buys). Prints req/s, p50 and p99
 * for each and the ratios, and writes docs/register-bench.md.
 *
 *   node dist/scripts/bench-register.js [postgres://postgres@127.0.0.1:5432/register_bench]
 *   (BENCH_SECONDS=12 per target and shape, split into BENCH_ROUNDS=4 interleaved rounds; PORT_BASE=4170: the API uses PORT_BASE, PORT_BASE+1 and PORT_BASE+3, the bare endpoint PORT_BASE+2)
 */
const url = process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/register_bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const PORT_BASE = Number(process.env.PORT_BASE ?? 4170);
const CONNECTIONS = 32;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const ROOT = path.join(__dirname, '..', '..');
const QUERY = `query Register($name: String, $membershipNumber: String, $first: Int) {
  professionalStatusRegister(name: $name, membershipNumber: $membershipNumber, first: $first) {
    totalCount pageInfo { endCursor hasNextPage } nodes { fullName membershipNumber membershipStatus grade titles } } }`;

interface Result {
  rps: number;
  /** The server process's CPU time (user + system) per request answered, in µs: the cost of one request, whatever the load. */
  cpuUs: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Starts a server and resolves once `readyUrl` answers 200 (the API logs at warn, so no "ready" line to wait for). */
function start(script: string, env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let done = false;
    child.stdout!.on('data', (d) => (out += d.toString()));
    child.stderr!.on('data', (d) => (out += d.toString()));
    child.on('exit', (code) => {
      done = true;
      reject(new Error(`${script} exited with ${code}: ${out.slice(-2000)}`));
    });
    const poll = async () => {
      if (done) return;
      try {
        if ((await fetch(readyUrl)).ok) return resolve(child);
      } catch {
        /* not listening yet */
      }
      setTimeout(() => void poll(), 200);
    };
    void poll();
  });
}

/** CPU time (user + system) a process has used so far, in µs (Linux /proc; 0 elsewhere). */
function cpuTimeUs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100; // utime + stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

async function run(target: string, body: string, seconds: number, pid?: number): Promise<Result> {
  const cpuBefore = cpuTimeUs(pid);
  const r = await autocannon({
    url: target,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    body,
  });
  const cpuUs = r.requests.total > 0 ? (cpuTimeUs(pid) - cpuBefore) / r.requests.total : 0;
  return { rps: r.requests.average, cpuUs, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

async function post(target: string, body: string): Promise<unknown> {
  const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return res.json();
}

async function main(): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const today = new Date().toISOString().slice(0, 10);
  const [{ membership_number: number }] = (await db.query(`SELECT membership_number FROM register_entry WHERE surname_key = 'smith' AND listed_on @> $1::date LIMIT 1`, [today])).rows;
  await db.end();
  const shapes: [string, Record<string, unknown>][] = [
    ['common surname "smith"', { name: 'smith', first: 20 }],
    ['rare surname "Quillfennick"', { name: 'Quillfennick', first: 20 }],
    ['two-letter fragment "ma"', { name: 'ma', first: 20 }],
    ['membership number', { membershipNumber: number, first: 20 }],
  ];

  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const apiEnv = (port: number, cache: boolean, fastPath = true) => ({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    HOST: '127.0.0.1',
    PORT: String(port),
    JWT_ALGORITHM: 'ES256',
    JWT_PUBLIC_KEY: publicKey,
    JWT_ISSUER: 'https://auth.bench.set.local/',
    SEED_DEMO_DATA: 'false',
    SWEEP_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'warn',
    // One load generator on one address: the per-client rate limit (issue 7) would measure itself, not the register.
    RATE_LIMIT_ENABLED: 'false',
    REGISTER_RESPONSE_CACHE: String(cache),
    REGISTER_FAST_PATH: String(fastPath),
    REGISTER_CACHE_MAX_AGE: '30',
  });
  const children: ChildProcess[] = [];
  try {
    children.push(await start('src/main.js', apiEnv(PORT_BASE, false), `http://127.0.0.1:${PORT_BASE}/healthz`));
    children.push(await start('src/main.js', apiEnv(PORT_BASE + 1, true), `http://127.0.0.1:${PORT_BASE + 1}/healthz`));
    children.push(await start('scripts/bare-register-server.js', { DATABASE_URL: url, PORT: String(PORT_BASE + 2) }, `http://127.0.0.1:${PORT_BASE + 2}/healthz`));
    children.push(await start('src/main.js', apiEnv(PORT_BASE + 3, false, false), `http://127.0.0.1:${PORT_BASE + 3}/healthz`));
  } catch (error) {
    children.forEach((c) => c.kill('SIGTERM'));
    throw error;
  }
  const targets = {
    bare: `http://127.0.0.1:${PORT_BASE + 2}/graphql`,
    api: `http://127.0.0.1:${PORT_BASE}/graphql`,
    cached: `http://127.0.0.1:${PORT_BASE + 1}/graphql`,
    apollo: `http://127.0.0.1:${PORT_BASE + 3}/graphql`,
  };
  const pids = { api: children[0].pid, cached: children[1].pid, bare: children[2].pid, apollo: children[3].pid };

  const rows: string[] = [];
  const cpuRows: string[] = [];
  const fmt = (r: Result) => `${Math.round(r.rps)} req/s (${Math.round(r.cpuUs)} µs CPU/req), p50 ${r.p50} ms, p99 ${r.p99} ms${r.errors || r.non2xx ? ` (errors ${r.errors}, non-2xx ${r.non2xx})` : ''}`;
  try {
    for (const [label, variables] of shapes) {
      const body = JSON.stringify({ query: QUERY, variables });
      const [bare, api, apollo] = [await post(targets.bare, body), await post(targets.api, body), await post(targets.apollo, body)];
      const same = JSON.stringify(bare) === JSON.stringify(api) && JSON.stringify(api) === JSON.stringify(apollo);
      if (!same) throw new Error(`the bare endpoint and the API answer differently for ${label}:\n${JSON.stringify(bare).slice(0, 500)}\n${JSON.stringify(api).slice(0, 500)}`);
      for (const target of Object.values(targets)) await run(target, body, 2); // warm up: JIT, prepared statements, pool
      // The machine is shared: interleave ROUNDS short runs of each so load drifts hit all three alike, then sum
      // requests over the rounds and take the median round's latencies.
      const rounds: Record<keyof typeof targets, Result[]> = { bare: [], api: [], cached: [], apollo: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const key of ['bare', 'api', 'cached', 'apollo'] as const) rounds[key].push(await run(targets[key], body, SECONDS / ROUNDS, pids[key]));
      }
      const combine = (rs: Result[]): Result => {
        const byRps = [...rs].sort((x, y) => x.rps - y.rps);
        const mid = byRps[Math.floor(rs.length / 2)];
        return { rps: rs.reduce((sum, r) => sum + r.rps, 0) / rs.length, cpuUs: rs.reduce((sum, r) => sum + r.cpuUs, 0) / rs.length, p50: mid.p50, p99: mid.p99, errors: rs.reduce((n, r) => n + r.errors, 0), non2xx: rs.reduce((n, r) => n + r.non2xx, 0) };
      };
      const [b, a, c, p] = [combine(rounds.bare), combine(rounds.api), combine(rounds.cached), combine(rounds.apollo)];
      const line = `${label}: bare ${fmt(b)} | API uncached ${fmt(a)} | API cached ${fmt(c)} | Apollo path (fast path off) ${fmt(p)} | uncached/bare ${(a.rps / b.rps).toFixed(2)} | cached/uncached ${(c.rps / a.rps).toFixed(2)} | Apollo path/bare ${(p.rps / b.rps).toFixed(2)} | same JSON: yes`;
      process.stdout.write(line + '\n');
      rows.push(
        `| ${label} | ${Math.round(b.rps)} | ${b.p50} / ${b.p99} | ${Math.round(a.rps)} | ${a.p50} / ${a.p99} | ${Math.round(c.rps)} | ${c.p50} / ${c.p99} | ${(a.rps / b.rps).toFixed(2)} | ${(c.rps / a.rps).toFixed(2)} | ${Math.round(p.rps)} | ${(p.rps / b.rps).toFixed(2)} |`,
      );
      cpuRows.push(`| ${label} | ${Math.round(b.cpuUs)} | ${Math.round(a.cpuUs)} | ${Math.round(c.cpuUs)} | ${Math.round(p.cpuUs)} |`);
    }
  } finally {
    children.forEach((c) => c.kill('SIGTERM'));
  }
  const md =
    `# Register benchmark\n\n\`node dist/scripts/bench-register.js\` on ${new Date().toISOString()}: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per target and shape in ${ROUNDS} interleaved rounds (bare, API, API cached, Apollo path, repeated) after a 2 s warm-up; req/s averaged over the rounds, latencies of the median round; ` +
    `POST /graphql, page size 20 with totalCount; API with NODE_ENV=production (one process), bare endpoint = Node http + pg issuing the same prepared SQL (one process); ` +
    `2-core machine shared with other work (load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}), so compare the columns of one row rather than rows of different runs.\n\n` +
    `| shape | bare req/s | bare p50 / p99 ms | API req/s (uncached) | API p50 / p99 ms | API req/s (response cache) | cached p50 / p99 ms | uncached / bare | cached / uncached | Apollo path req/s (REGISTER_FAST_PATH=false) | Apollo path / bare |\n|---|---|---|---|---|---|---|---|---|---|---|\n` +
    rows.join('\n') +
    '\n\nServer CPU time (user + system, from /proc) per request answered, µs, averaged over the rounds: what one request costs each server whatever else the machine is doing.\n\n' +
    `| shape | bare | API (uncached) | API (response cache) | Apollo path |\n|---|---|---|---|---|\n` +
    cpuRows.join('\n') +
    '\n';
  fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'docs', 'register-bench.md'), md);
  process.stdout.write('wrote docs/register-bench.md\n');
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
