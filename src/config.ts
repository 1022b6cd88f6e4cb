/**
 * Every environment variable the service reads, parsed and validated in one place.
 * A bad or missing value stops startup with a message naming the variable.
 */
export type NodeEnv = 'development' | 'test' | 'production';
export type JwtAlgorithm = 'HS256' | 'RS256' | 'ES256';

export interface Config {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  /** Unset: an embedded PostgreSQL is started under `embeddedPgDir`. */
  databaseUrl?: string;
  embeddedPgDir: string;
  embeddedPgPort: number;
  jwt: {
    algorithm: JwtAlgorithm;
    /** HS256 shared secret (development); never accepted in production. */
    secret?: string;
    /** True when the built-in development secret is in use (anyone can mint tokens with it). */
    usingDevelopmentSecret: boolean;
    /** PEM public key for RS256 / ES256. */
    publicKey?: string;
    issuer: string;
    audience: string;
  };
  /** DEC-T2: an ADMIN may move the server clock; never in production. */
  testClockEnabled: boolean;
  smtpUrl?: string;
  mailFrom: string;
  seedDemoData: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How often scheduled sweeps (lapsing memberships, ATS-44 withdrawals) run; 0 disables the timer. */
  sweepIntervalSeconds: number;
  /** How often the outbox sender looks for mail to deliver when SMTP is configured. */
  mailPollSeconds: number;
  /** COP-7: complaint targets (calendar days from receipt), the public confirmation code's life and the status page. */
  conduct: {
    acknowledgeWithinDays: number;
    resolveWithinDays: number;
    complaintConfirmationHours: number;
    complaintStatusUrl: string;
    complaintConfirmationsPerAddressPerDay: number;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEV_JWT_SECRET = 'development-only-secret-change-me-0123456789abcdef';
const DEV_ISSUER = 'https://auth.dev.set.local/';
const DEFAULT_AUDIENCE = 'set-professional-status-api';

function optional(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(env, name) ?? fallback;
  if (!allowed.includes(value as T)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number; got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}; got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false; got "${raw}"`);
}

function postgresUrl(env: Env, name: string): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!['postgres:', 'postgresql:'].includes(url.protocol)) throw new ConfigError(name, 'must be a postgres:// URL');
  return raw;
}

function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = optional(env, name) ?? fallback;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
  } catch {
    throw new ConfigError(name, 'must be an http(s) URL');
  }
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf<NodeEnv>(env, 'NODE_ENV', ['development', 'test', 'production'], 'development');
  const production = nodeEnv === 'production';
  const algorithm = oneOf<JwtAlgorithm>(env, 'JWT_ALGORITHM', ['HS256', 'RS256', 'ES256'], production ? 'RS256' : 'HS256');

  let secret: string | undefined;
  let publicKey: string | undefined;
  if (algorithm === 'HS256') {
    if (production) throw new ConfigError('JWT_ALGORITHM', 'HS256 is for development only; use RS256 or ES256 in production');
    secret = optional(env, 'JWT_SECRET') ?? DEV_JWT_SECRET;
    if (secret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  } else {
    publicKey = optional(env, 'JWT_PUBLIC_KEY')?.replace(/\\n/g, '\n');
    if (!publicKey) throw new ConfigError('JWT_PUBLIC_KEY', `is required for ${algorithm}`);
    if (!publicKey.includes('BEGIN PUBLIC KEY')) throw new ConfigError('JWT_PUBLIC_KEY', 'must be a PEM public key');
  }

  const issuer = optional(env, 'JWT_ISSUER') ?? (production ? undefined : DEV_ISSUER);
  if (!issuer) throw new ConfigError('JWT_ISSUER', 'is required in production');

  const testClockEnabled = bool(env, 'TEST_CLOCK_ENABLED', !production);
  if (production && testClockEnabled) throw new ConfigError('TEST_CLOCK_ENABLED', 'cannot be true in production (DEC-T2)');

  const databaseUrl = postgresUrl(env, 'DATABASE_URL');
  if (production && !databaseUrl) throw new ConfigError('DATABASE_URL', 'is required in production');

  return {
    nodeEnv,
    // Outside production, listen on loopback only: a development secret and test clock must not face a network.
    host: optional(env, 'HOST') ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: integer(env, 'PORT', 4000, 0, 65535),
    databaseUrl,
    embeddedPgDir: optional(env, 'EMBEDDED_PG_DIR') ?? '.data/postgres',
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    jwt: { algorithm, secret, publicKey, issuer, audience: optional(env, 'JWT_AUDIENCE') ?? DEFAULT_AUDIENCE, usingDevelopmentSecret: secret === DEV_JWT_SECRET },
    testClockEnabled,
    smtpUrl: optional(env, 'SMTP_URL'),
    mailFrom: optional(env, 'MAIL_FROM') ?? 'SET Professional Status <no-reply@set.example>',
    seedDemoData: bool(env, 'SEED_DEMO_DATA', !production),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    sweepIntervalSeconds: integer(env, 'SWEEP_INTERVAL_SECONDS', 300, 0, 86400),
    mailPollSeconds: integer(env, 'MAIL_POLL_SECONDS', 10, 1, 3600),
    conduct: {
      acknowledgeWithinDays: integer(env, 'COMPLAINT_ACKNOWLEDGE_DAYS', 5, 1, 365),
      resolveWithinDays: integer(env, 'COMPLAINT_RESOLVE_DAYS', 28, 1, 365),
      complaintConfirmationHours: integer(env, 'COMPLAINT_CONFIRMATION_HOURS', 48, 1, 720),
      complaintStatusUrl: httpUrl(env, 'COMPLAINT_STATUS_URL', 'https://set.example/complaints/status'),
      complaintConfirmationsPerAddressPerDay: integer(env, 'COMPLAINT_CONFIRMATIONS_PER_ADDRESS_PER_DAY', 3, 1, 100),
    },
  };
}
