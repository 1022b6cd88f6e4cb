import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { createServices, type Services } from './domain/services';
import { AdjustableClock, SystemClock, type Clock } from './domain/shared/clock';
import { TokenVerifier } from './graphql/auth';
import type { Context } from './graphql/context';
import { createErrorFormatter, unavailableStatusPlugin } from './graphql/errors';
import { probeConnectionOf, ReadinessProbe } from './db/readiness-probe';
import { createLoaders, type Loaders } from './graphql/loaders';
import type { Viewer } from './domain/shared/viewer';
import { getSchema } from './graphql/schema';
import { registerPaymentRoutes } from './http/payment-routes';
import { registerEdge } from './edge/edge';
import { registerHttp, registerPlugins } from './graphql/resolvers/register/register-http';
import { addRegisterFastPath, handedOverContext, type RegisterFastPath } from './graphql/resolvers/register/register-fast-path';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface AppOptions {
  config: Config;
  dataSource: DataSource;
  /** Defaults to the system clock, made adjustable when the test clock is enabled (DEC-T2). */
  clock?: Clock;
  logger?: boolean | object;
}

export interface App {
  server: FastifyInstance;
  services: Services;
  /** Issue 10: the public register's compiled fast path (null when REGISTER_FAST_PATH=false); tests read its stats. */
  registerFastPath: RegisterFastPath | null;
  close(): Promise<void>;
}

/** A request's context; its loaders are made on first use (most operations, the public register's included, use none). */
function contextOf(viewer: Viewer, requestId: string, services: Services): Context {
  let loaders: Loaders | undefined;
  return {
    viewer,
    requestId,
    services,
    reads: new Map(),
    get loaders() {
      return (loaders ??= createLoaders(services, viewer));
    },
  };
}

/** Builds the HTTP app from its parts, so tests build exactly what production runs. */
export async function createApp({ config, dataSource, clock, logger }: AppOptions): Promise<App> {
  const adjustableClock = config.testClockEnabled ? new AdjustableClock(clock ?? new SystemClock()) : null;
  const effectiveClock = adjustableClock ?? clock ?? new SystemClock();
  let paymentLog: (message: string, detail: Record<string, unknown>) => void = () => undefined;
  const services = createServices({ dataSource, clock: effectiveClock, adjustableClock, payments: { config: config.payments, log: (m, d) => paymentLog(m, d) },
    atsSettings: config.ats,
    conductSettings: config.conduct,
    readDatabaseUrl: config.readDatabaseUrl,
    joinConfirmation: { hours: config.edge.joinConfirmationHours, url: config.edge.joinConfirmationUrl },
  });
  const verifier = new TokenVerifier(config.jwt);

  const server = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      // Only the path: a query string can carry GraphQL variables, and variables can carry personal data.
      serializers: { req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }) },
    },
    // A caller's x-request-id is kept only when it is short and plain: it is logged and stored in audit_entry.request_id (64 chars).
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: config.edge.http.bodyLimitBytes,
    // Deliberate HTTP timeouts (README "Limits and the edge"): slow clients (slowloris) lose their socket.
    connectionTimeout: config.edge.http.connectionTimeoutMs,
    keepAliveTimeout: config.edge.http.keepAliveTimeoutMs,
    requestTimeout: config.edge.http.requestTimeoutMs,
    trustProxy: config.edge.http.trustProxy,
  });
  // Node's own limit on receiving the request headers (fastify has no option for it).
  server.server.headersTimeout = config.edge.http.headersTimeoutMs;
  const schema = await getSchema();
  const edge = await registerEdge(server, { config, verifier, schema, graphqlPath: '/graphql' });
  // Field suggestions ("Did you mean ...?") reveal the schema when introspection is off (GraphQL Armor).
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: !config.edge.fieldSuggestions },
    costLimit: { enabled: false },
    maxAliases: { enabled: false },
    maxDepth: { enabled: false },
    maxDirectives: { enabled: false },
    maxTokens: { enabled: false },
  }).protect();

  const apollo = new ApolloServer<Context>({
    schema,
    formatError: createErrorFormatter(server.log, { retryAfterSeconds: config.faults.retryAfterSeconds }),
    // The edge counts tokens before Apollo; this is the same limit again for anything that reaches the parser.
    parseOptions: { maxTokens: config.edge.limits.maxTokens },
    persistedQueries: config.edge.persistedQueries ? {} : false,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false, // main.ts owns shutdown: drain, close the pool, stop the embedded database
    introspection: config.nodeEnv !== 'production',
    plugins: [
      fastifyApolloDrainPlugin(server),
      unavailableStatusPlugin(config.faults.retryAfterSeconds),
      config.edge.landingPage ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
      ...armor.plugins,
      ...registerPlugins(config),
    ],
  });
  await apollo.start();

  server.get('/healthz', async () => ({ status: 'ok' }));
  // Issue 8: its own connection and its own timeout, so a busy pool or a frozen database still gets an answer in time.
  const readiness = new ReadinessProbe(probeConnectionOf(dataSource.options as Parameters<typeof probeConnectionOf>[0]), config.faults.readyzTimeoutMs);
  server.get('/readyz', async (_req, reply) => {
    const result = dataSource.isInitialized ? await readiness.check() : { ready: false, reason: 'pool closed' };
    if (result.ready) return { status: 'ready' };
    return reply.code(503).header('retry-after', String(config.faults.retryAfterSeconds)).header('x-unavailable-reason', result.reason ?? 'unknown').send({ status: 'unavailable' });
  });

  await registerHttp(server, config);

  const contextFor = async (request: FastifyRequest): Promise<Context> => {
    // The edge verified the token in onRequest; a refused token is UNAUTHENTICATED with HTTP 401.
    const refused = request.edgeAuthError;
    if (refused) throw new GraphQLError(refused.message, { extensions: { code: refused.code, http: { status: 401 } } });
    const viewer = request.edgeViewer ?? verifier.viewerFrom(request.headers.authorization, request.id);
    // DEC-T2 across instances: this request reads the shared test clock (a no-op where it is disabled).
    await services.serverClock.refresh();
    return contextOf(viewer, request.id, services);
  };
  // Issue 10: anonymous public register queries run from a compiled plan after the edge's checks (register-fast-path.ts).
  const registerFastPath = config.registerFastPath
    ? addRegisterFastPath(server, { schema, maxTokens: config.edge.limits.maxTokens, cacheMaxAge: config.registerCacheMaxAge, graphqlPath: '/graphql', contextFor })
    : null;

  await server.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: async (request) => handedOverContext(request) ?? contextFor(request),
  });

  paymentLog = (message, detail) => server.log.warn(detail, message);
  await registerPaymentRoutes(server, services, config);

  return {
    server,
    services,
    registerFastPath,
    close: async () => {
      // Apollo's drain plugin closes fastify (stop accepting, let in-flight requests finish); closing fastify first
      // and then stopping Apollo would close it twice, which never settles once the server has listened.
      await apollo.stop();
      await readiness.close();
      await edge.close();
      await services.register.close();
    },
  };
}
