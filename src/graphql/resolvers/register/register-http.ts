import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Config } from '../../../config';
import type { Context } from '../../context';
import { REGISTER_CSS, REGISTER_HTML, REGISTER_JS } from './register-page';
import { PUBLIC_REGISTER_FIELDS } from './register.resolver';

/**
 * True when an operation only reads the public register (every root field is a public register field) and so its
 * answer is the same for everyone: the only responses ever marked `public`.
 */
export function isPublicRegisterOperation(operation: OperationDefinitionNode | undefined | null): boolean {
  if (!operation || operation.operation !== 'query') return false;
  const selections = operation.selectionSet.selections;
  return selections.length > 0 && selections.every((s) => s.kind === Kind.FIELD && (PUBLIC_REGISTER_FIELDS.has(s.name.value) || s.name.value === '__typename'));
}

/** The Cache-Control of a successful anonymous public register answer (`no-store` when the max-age is 0). */
export function publicCacheControl(maxAge: number): string {
  return maxAge > 0 ? `public, max-age=${maxAge}` : 'no-store';
}

/**
 * Cache-Control per operation (Apollo's own cache-control plugin, which wraps every field resolver, is off):
 * `public, max-age=<REGISTER_CACHE_MAX_AGE>` for a successful public register query sent without a token, and
 * `no-store` for everything else (anything that depends on a token is never cacheable).
 */
export function cacheHeaderPlugin(maxAge: number): ApolloServerPlugin<Context> {
  const publicValue = publicCacheControl(maxAge);
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, operation }) {
          const single = response.body.kind === 'single' ? response.body.singleResult : null;
          const cacheable = !!single && !single.errors?.length && !request.http?.headers.get('authorization') && isPublicRegisterOperation(operation);
          response.http.headers.set('cache-control', cacheable ? publicValue : 'no-store');
        },
      };
    },
  };
}

/** Apollo plugins of the register: add to the server's plugin list. */
export function registerPlugins(config: Config): ApolloServerPlugin<Context>[] {
  return [ApolloServerPluginCacheControlDisabled(), cacheHeaderPlugin(config.registerCacheMaxAge)];
}

interface CachedResponse {
  status: number;
  contentType: string;
  cacheControl: string;
  body: string;
}

const CACHE_KEY = Symbol('registerCacheKey');
const CACHE_HIT = Symbol('registerCacheHit');
type KeyedRequest = FastifyRequest & { [CACHE_KEY]?: string; [CACHE_HIT]?: { response: CachedResponse; ageSeconds: number } };
const MAX_KEY_LENGTH = 20_000;

/** The cache key of an anonymous GraphQL request: method, the `accept` it negotiates with, and URL or raw body. */
function cacheKeyOf(request: FastifyRequest, rawBody?: string): string | null {
  if (request.routeOptions.url !== '/graphql' || request.headers.authorization !== undefined) return null;
  const accept = request.headers.accept ?? '';
  const key = request.method === 'GET' ? `G${accept}\u0000${request.url}` : request.method === 'POST' && rawBody !== undefined ? `P${accept}\u0000${rawBody}` : null;
  return key && key.length <= MAX_KEY_LENGTH ? key : null;
}

/**
 * The public response cache (REGISTER_RESPONSE_CACHE): answers a repeated anonymous GraphQL request (same method,
 * `accept`, and URL or body: query, variables, operation name, persisted-query hash) from memory, but only what the
 * plugin above marked `public`, and only for its max-age, so a listing change shows within the max-age as promised to
 * CDNs (a hit says its `Age`, so a CDN in front does not keep it longer). Kept at the HTTP layer: a POST is looked up
 * by its raw body before it is even parsed as JSON, which is what makes a hit cheap.
 */
function addResponseCache(server: FastifyInstance, maxAge: number): void {
  const cache = new LRUCache<string, CachedResponse>({ max: 5000, maxSize: 50_000_000, sizeCalculation: (v) => v.body.length + 64, ttl: maxAge * 1000 });
  const lookUp = (request: FastifyRequest, key: string | null) => {
    if (!key) return;
    const hit = cache.get(key);
    if (hit) (request as KeyedRequest)[CACHE_HIT] = { response: hit, ageSeconds: Math.max(0, maxAge - Math.ceil(cache.getRemainingTTL(key) / 1000)) };
    else (request as KeyedRequest)[CACHE_KEY] = key;
  };
  // fastify's own JSON parser (same poisoning refusals, same body limit), behind a look-up by the raw body.
  const parseJson = server.getDefaultJsonParser('error', 'error');
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    lookUp(request, cacheKeyOf(request, body as string));
    if ((request as KeyedRequest)[CACHE_HIT]) return done(null, null);
    void parseJson(request, body as string, done); // callback style: it answers through `done`
  });
  // preValidation runs before every preHandler, the edge's query limits included: a hit is a request that already
  // passed them (same method, URL and body) and was answered `public`, so it is served without analysing it again.
  // (Callback-style hooks: they run on every request and have nothing to wait for.)
  server.addHook('preValidation', (request, reply, done) => {
    if (request.method === 'GET') lookUp(request, cacheKeyOf(request));
    const hit = (request as KeyedRequest)[CACHE_HIT];
    if (!hit) return done();
    const { response, ageSeconds } = hit;
    void reply.code(response.status).header('content-type', response.contentType).header('cache-control', response.cacheControl).header('age', String(ageSeconds)).send(response.body);
  });
  server.addHook('onSend', (request, reply, payload, done) => {
    const key = (request as KeyedRequest)[CACHE_KEY];
    if (key && reply.statusCode === 200 && typeof payload === 'string') {
      const cacheControl = String(reply.getHeader('cache-control') ?? '');
      if (cacheControl.startsWith('public')) cache.set(key, { status: 200, contentType: String(reply.getHeader('content-type') ?? 'application/json'), cacheControl, body: payload });
    }
    done(null, payload);
  });
}

/** The /register page (plain HTML, its own same-origin script and style, so a strict CSP allows them) and the cache. */
export async function registerHttp(server: FastifyInstance, config: Config): Promise<void> {
  if (config.registerResponseCache && config.registerCacheMaxAge > 0) addResponseCache(server, config.registerCacheMaxAge);
  const page = `public, max-age=${Math.max(config.registerCacheMaxAge, 60)}`;
  server.get('/register', async (_req, reply) => reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', page).send(REGISTER_HTML));
  server.get('/register/register.js', async (_req, reply) => reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', page).send(REGISTER_JS));
  server.get('/register/register.css', async (_req, reply) => reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', page).send(REGISTER_CSS));
}
