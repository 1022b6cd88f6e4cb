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
    /** Tokens whose lifetime (exp - iat) exceeds this are refused (JWT_MAX_LIFETIME_SECONDS). */
    maxLifetimeSeconds: number;
    /** Tolerance for clock differences with the identity provider: iat may be this far in the future (JWT_CLOCK_SKEW_SECONDS). */
    clockSkewSeconds: number;
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
  /** Issue 10: public register and employer-check reads go to this server (a read replica) when set. */
  readDatabaseUrl?: string;
  /** Issue 10: max-age (seconds) of public register responses (Cache-Control, and the in-process response cache). */
  registerCacheMaxAge: number;
  /** Issue 10: keep public register responses in memory for `registerCacheMaxAge` seconds (default: on in production). */
  registerResponseCache: boolean;
  /** Issue 10: run anonymous public register queries from a compiled plan before Apollo's pipeline (default on). */
  registerFastPath: boolean;
  /** ATS-49: push each conferral to the Chartered College as a signed CloudEvent. */
  collegeWebhookUrl?: string;
  collegeWebhookSecret?: string;
  collegePushPollSeconds: number;
  /** ATS-36 objections, ATS-53 portfolio download links (issue 9). */
  ats: {
    objectionPeriodDays: number;
    /** Null when portfolio downloads are off (production without EPORTFOLIO_EXPORT_URL / PORTFOLIO_LINK_SECRET). */
    portfolioExportUrl: string | null;
    portfolioLinkSecret: string | null;
    portfolioLinkTtlSeconds: number;
  };
  /** Query limits, rate limits, HTTP timeouts, CORS and browser settings (README: "Limits and the edge"). */
  edge: EdgeConfig;
  /** Faults (issue 8) and the database timeouts of issue 7: see `faultConfig`. */
  faults: FaultConfig;
  /** ATS-16 / DEC-P4: the card payment provider and its webhook verification. */
  payments: PaymentsConfig;
}

export type PaymentProviderName = 'sandbox' | 'stripe';

/** ATS-16 / DEC-P4: card payments are recorded only from a provider's signature-verified webhook. */
export interface PaymentsConfig {
  provider: PaymentProviderName;
  /** Stripe secret API key (`sk_...`); required when provider is stripe. */
  stripeSecretKey?: string;
  /** Stripe webhook endpoint secret (`whsec_...`); required when provider is stripe. */
  stripeWebhookSecret?: string;
  /** The sandbox's local signing secret (Stripe's format); never used in production. */
  sandboxWebhookSecret: string;
  /** Oldest webhook signature timestamp accepted, in seconds (Stripe's default 300). */
  webhookToleranceSeconds: number;
  /** Where the provider sends the member back after a checkout (the front end's page). */
  returnUrl: string;
  /** This API's public base URL, for the sandbox's checkout page links. */
  publicBaseUrl: string;
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

/** Database timeouts, start-up wait, shutdown drain, readiness probe and mail delivery (issue 8). */
export interface FaultConfig {
  /** pg `connectionTimeoutMillis`: how long a request waits for a pooled connection (or a new one) before UNAVAILABLE. */
  dbAcquireTimeoutMs: number;
  /** PostgreSQL `statement_timeout` for every pooled connection. */
  dbStatementTimeoutMs: number;
  /** PostgreSQL `idle_in_transaction_session_timeout` for every pooled connection. */
  dbIdleInTransactionTimeoutMs: number;
  dbPoolSize: number;
  /** With DATABASE_URL set, how long start-up keeps retrying an unreachable database. */
  dbStartupWaitSeconds: number;
  /** Retry-After sent with UNAVAILABLE (HTTP 503). */
  retryAfterSeconds: number;
  /** /readyz gives up and answers 503 after this long. */
  readyzTimeoutMs: number;
  /** SIGTERM: how long in-flight requests (and the mail batch in flight) may take before the process stops anyway. */
  shutdownDrainSeconds: number;
  mail: {
    batchSize: number;
    concurrency: number;
    /** Batches per delivery run at most, so a run ends and the next starts fresh. */
    maxBatchesPerRun: number;
    /** A claim expires after this long; another instance (or this one after a crash) then takes the notice over. */
    leaseSeconds: number;
    /** Retries back off exponentially (first delay, cap) and stop after this many hours: the notice is UNDELIVERABLE. */
    retryHours: number;
    retryBaseSeconds: number;
    retryMaxSeconds: number;
    smtpConnectionTimeoutMs: number;
    smtpGreetingTimeoutMs: number;
    smtpSocketTimeoutMs: number;
  };
  /** Restarts of the embedded PostgreSQL after it dies, before the API exits non-zero for a supervisor. */
  embeddedPgMaxRestarts: number;
}

export function loadFaultConfig(env: Env): FaultConfig {
  return {
    dbAcquireTimeoutMs: integer(env, 'DB_ACQUIRE_TIMEOUT_MS', 3000, 100, 120_000),
    dbStatementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', 15_000, 100, 3_600_000),
    dbIdleInTransactionTimeoutMs: integer(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 30_000, 100, 3_600_000),
    dbPoolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    dbStartupWaitSeconds: integer(env, 'DB_STARTUP_WAIT_SECONDS', 60, 0, 3600),
    retryAfterSeconds: integer(env, 'RETRY_AFTER_SECONDS', 5, 1, 3600),
    readyzTimeoutMs: integer(env, 'READYZ_TIMEOUT_MS', 800, 50, 10_000),
    shutdownDrainSeconds: integer(env, 'SHUTDOWN_DRAIN_SECONDS', 20, 6, 600),
    mail: {
      batchSize: integer(env, 'MAIL_BATCH_SIZE', 50, 1, 1000),
      concurrency: integer(env, 'MAIL_CONCURRENCY', 5, 1, 100),
      maxBatchesPerRun: integer(env, 'MAIL_MAX_BATCHES_PER_RUN', 20, 1, 1000),
      leaseSeconds: integer(env, 'MAIL_LEASE_SECONDS', 300, 10, 86_400),
      retryHours: integer(env, 'MAIL_RETRY_HOURS', 72, 1, 720),
      retryBaseSeconds: integer(env, 'MAIL_RETRY_BASE_SECONDS', 30, 1, 3600),
      retryMaxSeconds: integer(env, 'MAIL_RETRY_MAX_SECONDS', 3600, 1, 86_400),
      smtpConnectionTimeoutMs: integer(env, 'SMTP_CONNECTION_TIMEOUT_MS', 10_000, 100, 600_000),
      smtpGreetingTimeoutMs: integer(env, 'SMTP_GREETING_TIMEOUT_MS', 10_000, 100, 600_000),
      smtpSocketTimeoutMs: integer(env, 'SMTP_SOCKET_TIMEOUT_MS', 30_000, 100, 600_000),
    },
    embeddedPgMaxRestarts: integer(env, 'EMBEDDED_PG_MAX_RESTARTS', 5, 0, 100),
  };
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

const DEV_SANDBOX_WEBHOOK_SECRET = 'whsec_sandbox_development_only_0123456789abcdef';

/** ATS-16 / DEC-P4: the payment provider; production refuses the sandbox (it can confirm payments nobody made). */
export function loadPaymentsConfig(env: Env, production: boolean, port: number): PaymentsConfig {
  const chosen = optional(env, 'PAYMENT_PROVIDER');
  const provider = oneOf<PaymentProviderName>(env, 'PAYMENT_PROVIDER', ['sandbox', 'stripe'], production ? 'stripe' : 'sandbox');
  if (production && provider === 'sandbox') throw new ConfigError('PAYMENT_PROVIDER', 'cannot be sandbox in production: the sandbox confirms card payments nobody made (DEC-P4)');
  const stripeSecretKey = optional(env, 'STRIPE_SECRET_KEY');
  const stripeWebhookSecret = optional(env, 'STRIPE_WEBHOOK_SECRET');
  // Chosen explicitly, Stripe needs both keys. Taken by default in production without keys, card payments are simply
  // unavailable (startCardPayment refuses, the webhook answers 503) and the server logs a warning at start-up.
  if (chosen === 'stripe' && !stripeSecretKey) throw new ConfigError('STRIPE_SECRET_KEY', 'is required when PAYMENT_PROVIDER is stripe');
  if (chosen === 'stripe' && !stripeWebhookSecret) throw new ConfigError('STRIPE_WEBHOOK_SECRET', 'is required when PAYMENT_PROVIDER is stripe');
  if (stripeSecretKey && !/^(sk|rk)_(test|live)_\w+$/.test(stripeSecretKey)) throw new ConfigError('STRIPE_SECRET_KEY', 'must be a Stripe secret or restricted key (sk_... or rk_...)');
  if (stripeSecretKey && production && !stripeSecretKey.includes('_live_')) throw new ConfigError('STRIPE_SECRET_KEY', 'must be a live key in production');
  if (stripeWebhookSecret && !stripeWebhookSecret.startsWith('whsec_')) throw new ConfigError('STRIPE_WEBHOOK_SECRET', 'must be the endpoint secret (whsec_...)');
  const sandboxWebhookSecret = optional(env, 'SANDBOX_WEBHOOK_SECRET') ?? DEV_SANDBOX_WEBHOOK_SECRET;
  if (sandboxWebhookSecret.length < 24) throw new ConfigError('SANDBOX_WEBHOOK_SECRET', 'must be at least 24 characters');
  return {
    provider,
    stripeSecretKey,
    stripeWebhookSecret,
    sandboxWebhookSecret,
    webhookToleranceSeconds: integer(env, 'PAYMENT_WEBHOOK_TOLERANCE_SECONDS', 300, 1, 3600),
    returnUrl: optional(env, 'PAYMENT_RETURN_URL') ?? 'http://localhost:3000/payments/return',
    publicBaseUrl: (optional(env, 'PUBLIC_BASE_URL') ?? `http://localhost:${port}`).replace(/\/+$/, ''),
  };
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
    jwt: { algorithm, secret, publicKey, issuer, audience: optional(env, 'JWT_AUDIENCE') ?? DEFAULT_AUDIENCE, usingDevelopmentSecret: secret === DEV_JWT_SECRET,
      maxLifetimeSeconds: integer(env, 'JWT_MAX_LIFETIME_SECONDS', 24 * 3600, 60, 30 * 86400),
      clockSkewSeconds: integer(env, 'JWT_CLOCK_SKEW_SECONDS', 30, 0, 600) },
    testClockEnabled,
    smtpUrl: optional(env, 'SMTP_URL'),
    mailFrom: optional(env, 'MAIL_FROM') ?? 'SET Professional Status <no-reply@set.example>',
    seedDemoData: bool(env, 'SEED_DEMO_DATA', !production),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    sweepIntervalSeconds: integer(env, 'SWEEP_INTERVAL_SECONDS', 300, 0, 86400),
    mailPollSeconds: integer(env, 'MAIL_POLL_SECONDS', 10, 1, 3600),
    readDatabaseUrl: postgresUrl(env, 'READ_DATABASE_URL'),
    registerCacheMaxAge: integer(env, 'REGISTER_CACHE_MAX_AGE', 30, 0, 3600),
    registerResponseCache: bool(env, 'REGISTER_RESPONSE_CACHE', production),
    registerFastPath: bool(env, 'REGISTER_FAST_PATH', true),
    ...collegeWebhook(env),
    collegePushPollSeconds: integer(env, 'COLLEGE_PUSH_POLL_SECONDS', 15, 1, 3600),
    ats: atsConfig(env, production),
    payments: loadPaymentsConfig(env, production, integer(env, 'PORT', 4000, 0, 65535)),
    faults: loadFaultConfig(env),
    edge: loadEdgeConfig(env, nodeEnv),
    conduct: {
      acknowledgeWithinDays: integer(env, 'COMPLAINT_ACKNOWLEDGE_DAYS', 5, 1, 365),
      resolveWithinDays: integer(env, 'COMPLAINT_RESOLVE_DAYS', 28, 1, 365),
      complaintConfirmationHours: integer(env, 'COMPLAINT_CONFIRMATION_HOURS', 48, 1, 720),
      complaintStatusUrl: httpUrl(env, 'COMPLAINT_STATUS_URL', 'https://set.example/complaints/status'),
      complaintConfirmationsPerAddressPerDay: integer(env, 'COMPLAINT_CONFIRMATIONS_PER_ADDRESS_PER_DAY', 3, 1, 100),
    },
  };
}

export interface EdgeConfig {
  limits: {
    /** Deepest selection nesting (QUERY_MAX_DEPTH). */
    maxDepth: number;
    /** Aliases per operation (QUERY_MAX_ALIASES). */
    maxAliases: number;
    /** Lexical tokens per document, counted while parsing (QUERY_MAX_TOKENS). */
    maxTokens: number;
    /** Directives per operation (QUERY_MAX_DIRECTIVES). */
    maxDirectives: number;
    /** Cost budget per operation; list fields cost their page size (QUERY_MAX_COST). */
    maxCost: number;
  };
  rateLimit: {
    enabled: boolean;
    /** Requests per client (token subject, or IP when anonymous) per window (RATE_LIMIT_MAX). */
    max: number;
    windowMs: number;
    /** Anonymous mutations (the join form) per IP per window (RATE_LIMIT_ANON_MUTATION_MAX). */
    anonymousMutationMax: number;
    anonymousMutationWindowMs: number;
    /** A shared store so several instances share one budget (REDIS_URL); in-memory when unset. */
    redisUrl?: string;
  };
  http: {
    bodyLimitBytes: number;
    /** Socket idle time before the request is complete (HTTP_CONNECTION_TIMEOUT_MS). */
    connectionTimeoutMs: number;
    /** Time allowed to receive the headers (slowloris) (HTTP_HEADERS_TIMEOUT_MS). */
    headersTimeoutMs: number;
    /** Time allowed to receive the whole request (HTTP_REQUEST_TIMEOUT_MS). */
    requestTimeoutMs: number;
    /** Idle keep-alive socket lifetime (HTTP_KEEP_ALIVE_TIMEOUT_MS). */
    keepAliveTimeoutMs: number;
    /** Trust X-Forwarded-For from a proxy in front (TRUST_PROXY) so rate limits see the client's address. */
    trustProxy: boolean;
  };
  /** Allowed browser origins (CORS_ORIGINS, comma-separated); `localhost` allows any http(s)://localhost:port. */
  corsOrigins: string[];
  corsAllowLocalhost: boolean;
  /** Apollo Sandbox landing page at GET /graphql (off in production). */
  landingPage: boolean;
  /** "Did you mean ...?" in validation errors (off in production). */
  fieldSuggestions: boolean;
  /** Automatic persisted queries (off unless APQ_ENABLED=true). */
  persistedQueries: boolean;
  /** Unconfirmed membership applications expire after this many hours (JOIN_CONFIRMATION_HOURS). */
  joinConfirmationHours: number;
  /** Base of the link in the join confirmation email (JOIN_CONFIRMATION_URL); the token is appended. */
  joinConfirmationUrl: string;
}

function origins(env: Env, name: string, fallback: string[]): string[] {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const list = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of list) {
    if (origin === 'localhost') continue;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(name, `holds "${origin}", which is not an origin (scheme://host[:port])`);
    }
    if (!['http:', 'https:'].includes(url.protocol) || url.origin !== origin) throw new ConfigError(name, `holds "${origin}", which is not an origin (scheme://host[:port], no path)`);
  }
  return list;
}

function redisUrl(env: Env, name: string): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!['redis:', 'rediss:'].includes(url.protocol)) throw new ConfigError(name, 'must be a redis:// or rediss:// URL');
  return raw;
}

/** The edge: every limit a hostile client meets before any resolver runs. */
export function loadEdgeConfig(env: Env, nodeEnv: NodeEnv): EdgeConfig {
  const production = nodeEnv === 'production';
  const corsOrigins = origins(env, 'CORS_ORIGINS', production ? [] : ['localhost']);
  const headersTimeoutMs = integer(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 1000, 120_000);
  const requestTimeoutMs = integer(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000);
  if (headersTimeoutMs > requestTimeoutMs) throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS', `must not exceed HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  return {
    limits: {
      maxDepth: integer(env, 'QUERY_MAX_DEPTH', 10, 2, 50),
      maxAliases: integer(env, 'QUERY_MAX_ALIASES', 15, 0, 1000),
      maxTokens: integer(env, 'QUERY_MAX_TOKENS', 2000, 100, 100_000),
      maxDirectives: integer(env, 'QUERY_MAX_DIRECTIVES', 10, 0, 1000),
      maxCost: integer(env, 'QUERY_MAX_COST', 5000, 10, 1_000_000),
    },
    rateLimit: {
      // The test suite makes thousands of requests from one address; API tests switch it on where they test it.
      enabled: bool(env, 'RATE_LIMIT_ENABLED', nodeEnv !== 'test'),
      max: integer(env, 'RATE_LIMIT_MAX', 600, 1, 1_000_000),
      windowMs: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400) * 1000,
      anonymousMutationMax: integer(env, 'RATE_LIMIT_ANON_MUTATION_MAX', 5, 1, 100_000),
      anonymousMutationWindowMs: integer(env, 'RATE_LIMIT_ANON_MUTATION_WINDOW_SECONDS', 3600, 1, 86_400) * 1000,
      redisUrl: redisUrl(env, 'REDIS_URL'),
    },
    http: {
      // A GraphQL request within the token limit is a few KiB; 256 KiB leaves room for long text variables, and a bigger
      // body is refused from its Content-Length before a byte of it is read or parsed.
      bodyLimitBytes: integer(env, 'HTTP_BODY_LIMIT_BYTES', 262_144, 1024, 16_777_216),
      connectionTimeoutMs: integer(env, 'HTTP_CONNECTION_TIMEOUT_MS', 30_000, 1000, 600_000),
      headersTimeoutMs,
      requestTimeoutMs,
      keepAliveTimeoutMs: integer(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
      trustProxy: bool(env, 'TRUST_PROXY', false),
    },
    corsOrigins: corsOrigins.filter((o) => o !== 'localhost'),
    corsAllowLocalhost: corsOrigins.includes('localhost'),
    landingPage: bool(env, 'LANDING_PAGE_ENABLED', !production),
    fieldSuggestions: bool(env, 'FIELD_SUGGESTIONS_ENABLED', !production),
    persistedQueries: bool(env, 'APQ_ENABLED', false),
    joinConfirmationHours: integer(env, 'JOIN_CONFIRMATION_HOURS', 72, 1, 24 * 30),
    joinConfirmationUrl: optional(env, 'JOIN_CONFIRMATION_URL') ?? 'https://set.example/join/confirm?token=',
  };
}

const DEV_PORTFOLIO_LINK_SECRET = 'development-only-portfolio-link-secret-0123456789';

/**
 * ATS-36 objection period and the ATS-53 signed portfolio links (issue 9). In production the links need both
 * EPORTFOLIO_EXPORT_URL and PORTFOLIO_LINK_SECRET (shared with the ePortfolio platform); with neither, portfolio
 * downloads are off (refused citing ATS-53); with only one, startup stops.
 */
function atsConfig(env: Env, production: boolean): Config['ats'] {
  const exportUrl = optional(env, 'EPORTFOLIO_EXPORT_URL');
  const secret = optional(env, 'PORTFOLIO_LINK_SECRET');
  const portfolioExportUrl = exportUrl ?? (production ? null : 'https://eportfolio.example.org/export');
  if (portfolioExportUrl) {
    try {
      if (new URL(portfolioExportUrl).protocol !== 'https:') throw new Error('not https');
    } catch {
      throw new ConfigError('EPORTFOLIO_EXPORT_URL', 'must be an https:// URL');
    }
  }
  const portfolioLinkSecret = secret ?? (production ? null : DEV_PORTFOLIO_LINK_SECRET);
  if (production && !!exportUrl !== !!secret) {
    throw new ConfigError(exportUrl ? 'PORTFOLIO_LINK_SECRET' : 'EPORTFOLIO_EXPORT_URL', 'is required in production when portfolio downloads are configured');
  }
  if (portfolioLinkSecret && portfolioLinkSecret.length < 32) throw new ConfigError('PORTFOLIO_LINK_SECRET', 'must be at least 32 characters');
  return {
    objectionPeriodDays: integer(env, 'OBJECTION_PERIOD_DAYS', 28, 1, 365),
    portfolioExportUrl,
    portfolioLinkSecret,
    portfolioLinkTtlSeconds: integer(env, 'PORTFOLIO_LINK_TTL_SECONDS', 600, 30, 86400),
  };
}

/** ATS-49: COLLEGE_WEBHOOK_URL (http(s)) needs COLLEGE_WEBHOOK_SECRET (at least 32 characters) to sign with. */
function collegeWebhook(env: Env): { collegeWebhookUrl?: string; collegeWebhookSecret?: string } {
  const url = optional(env, 'COLLEGE_WEBHOOK_URL');
  if (!url) return {};
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('COLLEGE_WEBHOOK_URL', 'is not a valid URL');
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) throw new ConfigError('COLLEGE_WEBHOOK_URL', 'must be an http(s) URL');
  const secret = optional(env, 'COLLEGE_WEBHOOK_SECRET');
  if (!secret || secret.length < 32) throw new ConfigError('COLLEGE_WEBHOOK_SECRET', 'must be set (at least 32 characters) when COLLEGE_WEBHOOK_URL is set');
  return { collegeWebhookUrl: url, collegeWebhookSecret: secret };
}
