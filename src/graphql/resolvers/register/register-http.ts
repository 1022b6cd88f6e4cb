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

/**
 * Cache-Control per operation (Apollo's own cache-control plugin, which wraps every field resolver, is off):
 * `public, max-age=<REGISTER_CACHE_MAX_AGE>` for a successful public register query sent without a token, and
 * `no-store` for everything else (anything that depends on a token is never cacheable).
 */
/** The Cache-Control of a successful anonymous public register answer (`no-store` when the max-age is 0). */
export function publicCacheControl(maxAge: number): string {
  return maxAge > 0 ? `public, max-age=${maxAge}` : 'no-store';
}

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
type KeyedRequest = FastifyRequest & { [CACHE_KEY]?: string };

/**
 * The public response cache (REGISTER_RESPONSE_CACHE): answers a repeated anonymous GraphQL request (same method, URL
 * and body: query, variables, operation name, persisted-query hash) from memory, but only what the plugin above marked
 * `public`, and only for its max-age, so a listing change shows within the max-age as promised to CDNs. Kept at the
 * HTTP layer (before Apollo parses anything), which is what makes a hit cheap.
 */
function addResponseCache(server: FastifyInstance, maxAge: number): void {
  const cache = new LRUCache<string, CachedResponse>({ max: 5000, maxSize: 50_000_000, sizeCalculation: (v) => v.body.length + 64, ttl: maxAge * 1000 });
  // preValidation runs before every preHandler, the edge's query limits included: a hit is a request that already
  // passed them (same method, URL and body) and was answered `public`, so it is served without analysing it again.
  server.addHook('preValidation', async (request, reply) => {
    if (request.routeOptions.url !== '/graphql' || request.headers.authorization) return;
    let key: string;
    if (request.method === 'GET') key = `G${request.url}`;
    else if (request.method === 'POST' && request.body && typeof request.body === 'object') key = `P${JSON.stringify(request.body)}`;
    else return;
    if (key.length > 20_000) return;
    const hit = cache.get(key);
    if (hit) {
      return reply.code(hit.status).header('content-type', hit.contentType).header('cache-control', hit.cacheControl).send(hit.body);
    }
    (request as KeyedRequest)[CACHE_KEY] = key;
  });
  server.addHook('onSend', async (request, reply, payload) => {
    const key = (request as KeyedRequest)[CACHE_KEY];
    const cacheControl = String(reply.getHeader('cache-control') ?? '');
    if (key && reply.statusCode === 200 && cacheControl.startsWith('public') && typeof payload === 'string') {
      cache.set(key, { status: 200, contentType: String(reply.getHeader('content-type') ?? 'application/json'), cacheControl, body: payload });
    }
    return payload;
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
