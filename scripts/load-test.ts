/**
 * Replays the hostile traffic of issue 7 against a running server for a bounded time, while a second client (a
 * separate process, so the attack's own CPU does not skew it) measures /healthz latency.
 *
 *   npm run load-test -- --url http://127.0.0.1:4000 --pid <server pid> [--duration 60] [--slow-sockets 200]
 *
 * Traffic, all at once: alias bombs (~55,000 aliases of `cohorts` in a 1 MiB body, 12 concurrent), deep nesting
 * (introspection `ofType` chains), oversized bodies (2 MiB), a flood at the public join form, and slow clients
 * (slowloris: sockets sending their headers one byte at a time). Prints requests refused by kind (status and
 * extensions.code), the 5xx count, the server's peak RSS (from /proc/<pid>/status: VmHWM and sampled VmRSS),
 * /healthz latency percentiles, and whether the process stayed up. Exits 1 when a target is missed:
 * the process must stay up, RSS under 512 MB, /healthz p99 under 100 ms.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

interface Options {
  url: URL;
  durationMs: number;
  pid?: number;
  aliasWorkers: number;
  slowSockets: number;
}

function parseArgs(argv: string[]): Options & { healthProbe: boolean } {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    healthProbe: argv.includes('--health-probe'),
    url: new URL(get('url') ?? process.env.LOAD_TEST_URL ?? 'http://127.0.0.1:4000'),
    durationMs: Number(get('duration') ?? 60) * 1000,
    pid: get('pid') ? Number(get('pid')) : undefined,
    aliasWorkers: Number(get('alias-workers') ?? 12),
    slowSockets: Number(get('slow-sockets') ?? 200),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Reply {
  status: number;
  code: string;
  ms: number;
}

function post(url: URL, body: Buffer | string, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      { hostname: url.hostname, port: url.port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let code = '-';
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            code = parsed?.errors?.[0]?.extensions?.code ?? (parsed?.data ? 'OK' : '-');
          } catch {
            code = 'NOT_JSON';
          }
          resolve({ status: res.statusCode ?? 0, code, ms: performance.now() - started });
        });
        res.on('error', () => resolve({ status: 0, code: 'RESPONSE_ERROR', ms: performance.now() - started }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ status: 0, code: err.message === 'timeout' ? 'CLIENT_TIMEOUT' : (err.code ?? 'NETWORK_ERROR'), ms: performance.now() - started }));
    req.end(body);
  });
}

function aliasBomb(): Buffer {
  const parts: string[] = [];
  let size = 20;
  for (let i = 0; size < 1_048_000; i++) {
    const part = `a${i}:cohorts{nodes{id}} `;
    parts.push(part);
    size += part.length;
  }
  parts.pop();
  return Buffer.from(JSON.stringify({ query: `{ ${parts.join('')}}` }));
}

function deepQuery(depth = 300): Buffer {
  return Buffer.from(JSON.stringify({ query: `{ __schema { types { fields { type { ${'ofType { '.repeat(depth)}name${' }'.repeat(depth)} } } } } }` }));
}

function oversized(): Buffer {
  return Buffer.from(JSON.stringify({ query: `{ cohorts { nodes { id } } }`, variables: { pad: 'x'.repeat(2 * 1_048_576) } }));
}

function joinForm(codeVersionId: string, n: number): Buffer {
  return Buffer.from(
    JSON.stringify({
      query: `mutation ($input: SubmitMembershipApplicationInput!) { submitMembershipApplication(input: $input) { id } }`,
      variables: {
        input: {
          givenName: 'Load',
          familyName: 'Test',
          email: `stranger.${process.pid}.${n}@example.org`,
          requestedGrade: 'MEMBER',
          sector: 'FURTHER_EDUCATION',
          employerVerificationConsent: false,
          acceptedCodeVersionId: codeVersionId,
          hasUnspentConvictions: false,
          subjectOfProfessionalMisconductFinding: false,
          barredFromTeachingOrWorkingWithChildren: false,
        },
      },
    }),
  );
}

/** Opens sockets that send a request's headers one byte every few seconds, reopening each one the server closes. */
function slowloris(url: URL, sockets: number, until: number, stats: { opened: number; closedByServer: number }): Promise<void> {
  const header = Buffer.from(`GET /healthz HTTP/1.1\r\nHost: ${url.host}\r\nUser-Agent: slowloris\r\nX-Padding: ${'a'.repeat(200)}\r\n\r\n`);
  const open = (): Promise<void> =>
    new Promise((resolve) => {
      if (Date.now() >= until) return resolve();
      stats.opened++;
      const socket = net.connect(Number(url.port), url.hostname);
      let offset = 0;
      let timer: NodeJS.Timeout | undefined;
      socket.on('connect', () => {
        timer = setInterval(() => {
          if (Date.now() >= until) {
            socket.destroy();
            return;
          }
          if (offset < header.length - 4) socket.write(header.subarray(offset, ++offset)); // never finishes the headers
        }, 2000);
      });
      socket.on('close', () => {
        clearInterval(timer);
        if (Date.now() < until) {
          stats.closedByServer++;
          setTimeout(() => void open().then(resolve), 100);
        } else resolve();
      });
      socket.on('error', () => undefined);
    });
  return Promise.all(Array.from({ length: sockets }, open)).then(() => undefined);
}

function rssOf(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The second client: GET /healthz every 50 ms on its own connection, in its own process; prints the latencies as JSON. */
async function healthProbe(url: URL, durationMs: number): Promise<void> {
  const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const until = Date.now() + durationMs;
  const latencies: number[] = [];
  let failures = 0;
  const reasons: Record<string, number> = {};
  while (Date.now() < until) {
    const started = performance.now();
    const outcome = await new Promise<string>((resolve) => {
      const req = http.get({ hostname: url.hostname, port: url.port, path: '/healthz', agent: probeAgent, timeout: 5000 }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200 ? 'ok' : `HTTP ${res.statusCode}`));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
    if (outcome === 'ok') latencies.push(performance.now() - started);
    else {
      failures++;
      reasons[outcome] = (reasons[outcome] ?? 0) + 1;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.stdout.write(JSON.stringify({ latencies, failures, reasons }));
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.healthProbe) return healthProbe(options.url, options.durationMs);
  const { url, durationMs, pid } = options;
  const until = Date.now() + durationMs;
  const refused = new Map<string, number>();
  const byScenario = new Map<string, number>();
  let fiveXx = 0;
  let total = 0;
  const count = (scenario: string, r: Reply) => {
    total++;
    byScenario.set(scenario, (byScenario.get(scenario) ?? 0) + 1);
    if (r.status >= 500) fiveXx++;
    if (r.status !== 200 || r.code !== 'OK') refused.set(`${scenario}: ${r.status} ${r.code}`, (refused.get(`${scenario}: ${r.status} ${r.code}`) ?? 0) + 1);
  };

  // Setup: the current Code version for the join form (a valid application otherwise).
  let codeVersionId = '00000000-0000-4000-8000-000000000000';
  const code = await new Promise<string | undefined>((resolve) => {
    const req = http.request({ hostname: url.hostname, port: url.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString()).data?.currentCodeOfPractice?.id);
        } catch {
          resolve(undefined);
        }
      });
    });
    req.on('error', () => resolve(undefined));
    req.end(JSON.stringify({ query: '{ currentCodeOfPractice { id } }' }));
  });
  if (code) codeVersionId = code;
  else process.stderr.write('warning: no current Code of Practice (seed demo data?); join-form requests will be refused by COP-1\n');

  const bomb = aliasBomb();
  const deep = deepQuery();
  const big = oversized();
  process.stdout.write(`load test: ${url.origin} for ${durationMs / 1000} s; alias bomb ${bomb.length} bytes x ${options.aliasWorkers} concurrent\n`);

  const probe = spawn(process.execPath, [__filename, '--health-probe', '--url', url.origin, '--duration', String(durationMs / 1000)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let probeOut = '';
  probe.stdout.on('data', (c: Buffer) => (probeOut += c.toString()));
  const probeDone = new Promise<void>((resolve) => probe.on('close', () => resolve()));

  let peakRssKb = 0;
  let hwmKb = 0;
  const sampler = setInterval(() => {
    if (!pid) return;
    const r = rssOf(pid);
    if (r) {
      peakRssKb = Math.max(peakRssKb, r.rssKb);
      hwmKb = Math.max(hwmKb, r.hwmKb);
    }
  }, 200);

  const loop = async (scenario: string, body: () => Buffer) => {
    while (Date.now() < until) count(scenario, await post(url, body(), {}, Math.max(1000, until - Date.now() + 5000)));
  };
  let n = 0;
  const slowStats = { opened: 0, closedByServer: 0 };
  await Promise.all([
    ...Array.from({ length: options.aliasWorkers }, () => loop('alias bomb', () => bomb)),
    ...Array.from({ length: 2 }, () => loop('deep nesting', () => deep)),
    ...Array.from({ length: 2 }, () => loop('oversized body', () => big)),
    ...Array.from({ length: 4 }, () => loop('join form flood', () => joinForm(codeVersionId, n++))),
    slowloris(url, options.slowSockets, until, slowStats),
  ]);
  await probeDone;
  clearInterval(sampler);

  const { latencies, failures, reasons } = JSON.parse(probeOut || '{"latencies":[],"failures":0,"reasons":{}}') as { latencies: number[]; failures: number; reasons: Record<string, number> };
  latencies.sort((a, b) => a - b);
  const up = pid ? alive(pid) : undefined;
  const finalRss = pid ? rssOf(pid) : null;
  if (finalRss) hwmKb = Math.max(hwmKb, finalRss.hwmKb);
  const peakMb = Math.max(peakRssKb, hwmKb) / 1024;
  const p99 = percentile(latencies, 99);

  const lines = [
    '',
    `requests sent: ${total} (${[...byScenario].map(([k, v]) => `${k} ${v}`).join(', ')})`,
    'refused by kind (scenario: HTTP status, extensions.code):',
    ...[...refused].sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${String(v).padStart(7)}  ${k}`),
    `join form submissions accepted: ${(byScenario.get('join form flood') ?? 0) - [...refused].filter(([k]) => k.startsWith('join form flood')).reduce((s, [, v]) => s + v, 0)}`,
    `slow clients: ${slowStats.opened} sockets opened, ${slowStats.closedByServer} closed by the server before the end`,
    `5xx responses: ${fiveXx}`,
    pid ? `server pid ${pid}: ${up ? 'still up' : 'DIED'}; peak RSS ${peakMb.toFixed(0)} MB (VmHWM ${(hwmKb / 1024).toFixed(0)} MB, sampled VmRSS max ${(peakRssKb / 1024).toFixed(0)} MB)` : 'server pid not given (--pid): RSS not measured',
    `/healthz: ${latencies.length} ok, ${failures} failed ${JSON.stringify(reasons)}; p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(latencies[latencies.length - 1] ?? NaN).toFixed(1)} ms`,
  ];
  const misses = [
    ...(pid && !up ? ['the process died'] : []),
    ...(pid && peakMb >= 512 ? [`peak RSS ${peakMb.toFixed(0)} MB >= 512 MB`] : []),
    ...(!(p99 < 100) ? [`/healthz p99 ${p99.toFixed(1)} ms >= 100 ms`] : []),
    ...(failures > 0 ? [`${failures} health checks failed`] : []),
  ];
  lines.push(misses.length ? `TARGETS MISSED: ${misses.join('; ')}` : 'targets met: process up, RSS < 512 MB, /healthz p99 < 100 ms');
  process.stdout.write(lines.join('\n') + '\n');
  agent.destroy();
  process.exit(misses.length ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`load test failed: ${err?.stack ?? err}\n`);
  process.exit(2);
});
