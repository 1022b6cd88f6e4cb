import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { createServices, type Services } from './domain/services';
import { AdjustableClock, SystemClock, type Clock } from './domain/shared/clock';
import { DomainError } from './domain/shared/errors';
import { TokenVerifier } from './graphql/auth';
import type { Context } from './graphql/context';
import { createErrorFormatter } from './graphql/errors';
import { createLoaders } from './graphql/loaders';
import { getSchema } from './graphql/schema';

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
  close(): Promise<void>;
}

/** Builds the HTTP app from its parts, so tests build exactly what production runs. */
export async function createApp({ config, dataSource, clock, logger }: AppOptions): Promise<App> {
  const adjustableClock = config.testClockEnabled ? new AdjustableClock(clock ?? new SystemClock()) : null;
  const effectiveClock = adjustableClock ?? clock ?? new SystemClock();
  const services = createServices({ dataSource, clock: effectiveClock, adjustableClock, conductSettings: config.conduct });
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
    bodyLimit: 1_048_576,
  });

  const apollo = new ApolloServer<Context>({
    schema: await getSchema(),
    formatError: createErrorFormatter(server.log),
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false, // main.ts owns shutdown: drain, close the pool, stop the embedded database
    introspection: config.nodeEnv !== 'production',
    plugins: [fastifyApolloDrainPlugin(server)],
  });
  await apollo.start();

  // Every response carries its request id (health checks, 404s and body-parse errors included), so callers can quote it.
  server.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  server.get('/healthz', async () => ({ status: 'ok' }));
  server.get('/readyz', async (_req, reply) => {
    try {
      await dataSource.query('SELECT 1');
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  await server.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: async (request) => {
      try {
        const viewer = verifier.viewerFrom(request.headers.authorization, request.id);
        return { viewer, requestId: request.id, services, loaders: createLoaders(services) };
      } catch (error) {
        if (error instanceof DomainError) {
          throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
        }
        throw error;
      }
    },
  });

  return {
    server,
    services,
    close: async () => {
      // Apollo's drain plugin closes fastify (stop accepting, let in-flight requests finish); closing fastify first
      // and then stopping Apollo would close it twice, which never settles once the server has listened.
      await apollo.stop();
    },
  };
}
