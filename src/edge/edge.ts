import { createHash } from 'node:crypto';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import helmet, { type HelmetOptions } from 'helmet';
import Redis from 'ioredis';
import type { Config } from '../config';
import { DomainError } from '../domain/shared/errors';
import type { Viewer } from '../domain/shared/viewer';
import type { TokenVerifier } from '../graphql/auth';
import { ErrorCode } from '../graphql/error-codes';
import { errorBody } from './error-body';
import { QueryLimiter } from './query-limits';

declare module 'fastify' {
  interface FastifyRequest {
    /** The viewer from the bearer token, verified once in onRequest (rate limits key on it; the context reuses it). */
    edgeViewer?: Viewer;
    /** Why the bearer token was refused; the GraphQL context answers UNAUTHENTICATED (HTTP 401) with it. */
    edgeAuthError?: DomainError;
  }
}

const SANDBOX_CSP = {
  // Apollo Sandbox (development landing page) runs an inline bootstrap script and embeds Apollo's sandbox frame.
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'unsafe-inline'", 'https://embeddable-sandbox.cdn.apollographql.com', 'https://apollo-server-landing-page.cdn.apollographql.com'],
  styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com', 'https://apollo-server-landing-page.cdn.apollographql.com'],
  fontSrc: ["'self'", 'https://fonts.gstatic.com'],
  imgSrc: ["'self'", 'data:', 'https://apollo-server-landing-page.cdn.apollographql.com'],
  frameSrc: ["'self'", 'https://sandbox.embed.apollographql.com'],
  connectSrc: ["'self'"],
  manifestSrc: ["'self'", 'https://apollo-server-landing-page.cdn.apollographql.com'],
  frameAncestors: ["'none'"],
};
// An API that serves no pages: nothing may load, nothing may frame it.
const API_CSP = { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };

/**
 * The headers helmet sets for these options. They depend on nothing in the request (no CSP nonces), so helmet runs
 * once at start and every response gets the result, instead of helmet's middleware chain running per request.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(options)({} as never, response as never, (error?: unknown) => void (failure = error));
  if (failure) throw failure;
  return headers;
}

const LOCALHOST_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** The rate-limit key: the token's subject when it verified, else the client's address (a bad token is no new budget). */
export function clientKey(request: FastifyRequest): string {
  const viewer = request.edgeViewer;
  const subject = viewer && viewer.roles.length > 0 ? viewer.subject : undefined;
  return subject ? `sub:${createHash('sha256').update(subject).digest('base64url').slice(0, 22)}` : `ip:${request.ip}`;
}

interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

function graphqlRequestParts(request: FastifyRequest): { query?: string; variables?: Record<string, unknown>; operationName?: string } {
  const source = (request.method === 'GET' ? request.query : request.body) as GraphQLBody | undefined;
  if (!source || typeof source !== 'object' || Array.isArray(source)) return {};
  let variables = source.variables;
  if (typeof variables === 'string') {
    try {
      variables = JSON.parse(variables);
    } catch {
      variables = undefined;
    }
  }
  return {
    query: typeof source.query === 'string' ? source.query : undefined,
    variables: variables && typeof variables === 'object' && !Array.isArray(variables) ? (variables as Record<string, unknown>) : undefined,
    operationName: typeof source.operationName === 'string' ? source.operationName : undefined,
  };
}

function rateLimited(reply: FastifyReply, retryAfterSeconds: number, what: string) {
  return reply
    .code(429)
    .header('retry-after', String(Math.max(1, retryAfterSeconds)))
    .send(errorBody(ErrorCode.RATE_LIMITED, `Too many ${what}; retry in ${Math.max(1, retryAfterSeconds)} s`, { retryAfterSeconds: Math.max(1, retryAfterSeconds) }));
}

/**
 * The edge every request passes (README "Limits and the edge"): security headers, CORS allowlist, one error shape for
 * non-GraphQL failures, token verification once per request, per-client rate limits (shared through Redis when
 * REDIS_URL is set), and query limits refused before Apollo parses, validates or executes anything.
 */
export async function registerEdge(server: FastifyInstance, deps: { config: Config; verifier: TokenVerifier; schema: GraphQLSchema; graphqlPath: string }): Promise<{ close(): Promise<void> }> {
  const { config, verifier, schema, graphqlPath } = deps;
  const edge = config.edge;

  const headers = securityHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: edge.landingPage ? SANDBOX_CSP : API_CSP },
    // The Sandbox frame loads cross-origin resources; the API itself sends JSON only.
    crossOriginEmbedderPolicy: false,
    hsts: config.nodeEnv === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  // One synchronous hook for what every request gets first (hooks are per-request costs on every path):
  // - the security headers and the request id, so every response carries them (health checks, 404s, 429s and
  //   body-parse errors included) and callers can quote the id;
  // - the bearer token, verified once here: the rate limit keys on its subject and the GraphQL context reuses it.
  server.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers).header('x-request-id', request.id);
    try {
      request.edgeViewer = verifier.viewerFrom(request.headers.authorization, request.id);
    } catch (error) {
      if (!(error instanceof DomainError)) return done(error as Error);
      request.edgeAuthError = error;
    }
    done();
  });

  await server.register(cors, {
    origin: (origin, cb) => {
      if (!origin) return cb(null, false); // same-origin or not a browser: no CORS headers needed
      cb(null, edge.corsOrigins.includes(origin) || (edge.corsAllowLocalhost && LOCALHOST_ORIGIN.test(origin)));
    },
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight'],
    exposedHeaders: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    maxAge: 600,
  });

  // One error shape for what never reaches Apollo.
  server.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(errorBody(ErrorCode.NOT_FOUND, `No route ${request.method} ${request.url.split('?')[0]}`));
  });
  server.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    // A refused client's unread body is not drained: the connection is closed instead (a flood of 1 MiB bodies
    // would otherwise still cost the server reading every byte).
    if (status === 429) {
      const retryAfterSeconds = (error as FastifyError & { retryAfterSeconds?: number }).retryAfterSeconds;
      return reply.code(429).header('connection', 'close').send(errorBody(ErrorCode.RATE_LIMITED, error.message, retryAfterSeconds ? { retryAfterSeconds } : {}));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      return reply.code(413).header('connection', 'close').send(errorBody(ErrorCode.PAYLOAD_TOO_LARGE, `The request body is larger than ${edge.http.bodyLimitBytes} bytes`));
    }
    if (status >= 400 && status < 500) {
      const message = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Unsupported content type; send application/json' : error.code?.startsWith('FST_ERR_CTP') ? 'The request body is not valid JSON' : 'Bad request';
      return reply.code(status).send(errorBody(ErrorCode.BAD_REQUEST, message));
    }
    request.log.error({ err: { name: error.name, code: error.code } }, 'unexpected HTTP error');
    return reply.code(500).send(errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
  });

  let redis: Redis | undefined;
  let anonymousMutationLimit: ((req: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>) | undefined;
  if (edge.rateLimit.enabled) {
    if (edge.rateLimit.redisUrl) {
      // Fail fast rather than queue: a Redis outage must not stall requests (skipOnError lets them through).
      redis = new Redis(edge.rateLimit.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
      redis.on('error', (err) => server.log.warn({ err: { name: err.name, code: (err as { code?: string }).code } }, 'rate-limit store (Redis) error'));
    }
    await server.register(rateLimit, {
      global: true,
      hook: 'onRequest',
      max: edge.rateLimit.max,
      timeWindow: edge.rateLimit.windowMs,
      keyGenerator: clientKey,
      // Probes from the load balancer are never limited.
      allowList: (request) => request.url === '/healthz' || request.url === '/readyz',
      ...(redis ? { redis, nameSpace: 'set-api-rl:', skipOnError: true } : {}),
      errorResponseBuilder: (_request, context) => {
        const error = new Error(`Too many requests; retry in ${context.after}`) as Error & { statusCode: number; retryAfterSeconds: number };
        error.statusCode = 429;
        error.retryAfterSeconds = Math.max(1, Math.ceil(context.ttl / 1000));
        return error;
      },
    });
    const limiter = server.createRateLimit({
      max: edge.rateLimit.anonymousMutationMax,
      timeWindow: edge.rateLimit.anonymousMutationWindowMs,
      keyGenerator: (request) => `anon-mutation:${request.ip}`,
    });
    anonymousMutationLimit = limiter;
  }

  const limiter = new QueryLimiter(schema, edge.limits);
  // (Callback style: it runs on every GraphQL request and waits for nothing except the rare anonymous mutation.)
  server.addHook('preHandler', (request, reply, done) => {
    if (request.routeOptions.url !== graphqlPath || (request.method !== 'POST' && request.method !== 'GET')) return done();
    const { query, variables, operationName } = graphqlRequestParts(request);
    if (query === undefined) return done(); // persisted-query hash only, or not a GraphQL request: Apollo answers
    const verdict = limiter.check(query, variables, operationName);
    if (verdict.refusal) {
      const { limit, max, actual, message } = verdict.refusal;
      void reply.code(400).send(errorBody(ErrorCode.QUERY_TOO_COMPLEX, message, { limit, max, ...(actual !== undefined ? { actual } : {}) }));
      return;
    }
    // The join form and any other public mutation: a much smaller budget per address (COP-2, issue 7).
    if (anonymousMutationLimit && verdict.operationType === 'mutation' && !request.edgeViewer?.roles.length) {
      anonymousMutationLimit(request).then((result) => {
        if (!result.isAllowed && result.isExceeded) void rateLimited(reply, result.ttlInSeconds ?? 60, 'anonymous mutations from this address');
        else done();
      }, done);
      return;
    }
    done();
  });

  return {
    close: async () => {
      if (redis) await redis.quit().catch(() => undefined);
    },
  };
}
