import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BREAK, getOperationAST, parse, validate, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import type { Context } from '../../context';
import { isPublicRegisterOperation, publicCacheControl } from './register-http';

/**
 * Issue 10, speed: the public register's anonymous queries are executed by a compiled plan (graphql-jit) of the same
 * schema and resolvers, before Apollo's per-request pipeline, and answered directly when they succeed.
 *
 * What stays the same as Apollo's path: every edge check (rate limits, query limits, CORS, headers) has already run;
 * the document must parse and pass graphql-js's validation against the schema; the resolvers, argument contract and
 * services are the same functions; the body is the same JSON with the same headers (tests compare the two paths byte
 * for byte). What is skipped is the cost of Apollo's generic machinery on every request (request pipeline, plugin
 * hooks, re-validation caches, graphql-js's interpreted executor), which on a one-row answer costs several times the
 * SQL itself.
 *
 * Anything else goes to Apollo unchanged: a token, a mutation, any non-register field, GET, persisted queries
 * (`extensions`), batches, @skip/@include (hasSkipOrInclude), an `accept` header that does not negotiate plain JSON,
 * and every answer with an error (Apollo formats it; the request's context is reused, so a register read made or
 * failed is not made twice: `oncePerRequest` in register.resolver.ts).
 */
export interface FastPathStats {
  /** Answered by a compiled plan. */
  answered: number;
  /** Eligible but handed to Apollo because the result carried errors. */
  handedOver: number;
}

/** A document's entry: seen once (not compiled yet), compiled, or known not to qualify. */
type Plan = 'seen-once' | CompiledQuery | false;

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

interface GraphQLPostBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** A POST body Apollo would take as one plain (non-batched, non-persisted) operation. */
function plainOperation(body: unknown): GraphQLPostBody | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.query !== 'string' || b.extensions !== undefined) return null;
  const v = b.variables;
  if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) return null;
  const name = b.operationName;
  if (name !== undefined && name !== null && typeof name !== 'string') return null;
  return b as unknown as GraphQLPostBody;
}

export class RegisterFastPath {
  readonly stats: FastPathStats = { answered: 0, handedOver: 0 };
  // Documents seen, compiled or known not to qualify, with the operation name they were seen with; bounded by count
  // and by the length of the text kept.
  private readonly plans = new LRUCache<string, { plan: Plan; operationName: string | null }>({ max: 500, maxSize: 5_000_000, sizeCalculation: (_v, key) => key.length + 64 });
  private readonly acceptsJson = new LRUCache<string, boolean>({ max: 200 });

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly maxTokens: number,
  ) {}

  /**
   * The compiled plan of an anonymous public register query, or null when Apollo must answer it. A document is
   * compiled the second time it is seen (compiling costs about 2 ms, several Apollo requests): clients repeat their
   * queries, while a stream of one-off documents, hostile or not, never costs a compilation.
   */
  planFor(query: string, operationName: string | null | undefined): CompiledQuery | null {
    // The key alone does not tell every (name, document) pair apart: an absent name and an empty one ("" is an unknown
    // operation to Apollo), or a name and a document starting with name + NUL. So an entry keeps the name it was
    // seen with, and a plan only answers that same name (given the name, the key gives back the document).
    const name = operationName ?? null;
    const key = name === null ? query : `${name}\u0000${query}`;
    const entry = this.plans.get(key);
    if (!entry) {
      this.plans.set(key, { plan: 'seen-once', operationName: name });
      return null;
    }
    if (entry.operationName !== name) return null;
    if (entry.plan !== 'seen-once') return entry.plan || null;
    const plan = this.compile(query, operationName ?? undefined);
    entry.plan = plan;
    return plan || null;
  }

  /** Whether Apollo would answer this `accept` header with plain application/json (its own negotiation). */
  negotiatesJson(accept: string | undefined): boolean {
    if (accept === undefined) return true;
    let verdict = this.acceptsJson.get(accept);
    if (verdict === undefined) {
      verdict = new Negotiator({ headers: { accept } }).mediaType([JSON_TYPE, GRAPHQL_RESPONSE_TYPE]) === JSON_TYPE;
      this.acceptsJson.set(accept, verdict);
    }
    return verdict;
  }

  private compile(query: string, operationName: string | undefined): CompiledQuery | false {
    let document;
    try {
      document = parse(query, { maxTokens: this.maxTokens, noLocation: true });
    } catch {
      return false;
    }
    if (!isPublicRegisterOperation(getOperationAST(document, operationName))) return false;
    if (validate(this.schema, document).length > 0) return false;
    if (hasSkipOrInclude(document)) return false;
    try {
      const compiled = compileQuery(this.schema, document, operationName);
      return isCompiledQuery(compiled) ? compiled : false;
    } catch {
      return false; // something graphql-jit cannot compile: Apollo runs it as always
    }
  }
}

/**
 * graphql-jit applies @skip/@include at run time to the fields it collected ignoring them, and does not answer as
 * graphql-js does: a key whose first occurrence is skipped keeps that place in the answer (`{ a @skip(if: true) b a }`
 * gives a, b instead of b, a); a fragment spread twice is collected once, so `...F @skip(if: true) ...F` drops F; the
 * conditions of a fragment's fields are shared by every place it is spread; and a nullable Boolean variable with a
 * default, sent as null, skips the field where graphql-js refuses the argument. Such documents are Apollo's.
 */
function hasSkipOrInclude(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value !== 'skip' && node.name.value !== 'include') return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

const HANDED_OVER = Symbol('registerFastPathContext');
type HandedOverRequest = FastifyRequest & { [HANDED_OVER]?: Context };

/** The context a request handed over by the fast path already has (Apollo's context function reuses it). */
export function handedOverContext(request: FastifyRequest): Context | undefined {
  return (request as HandedOverRequest)[HANDED_OVER];
}

/**
 * Adds the fast path as a preHandler, after the edge's (so rate and query limits apply first). `contextFor` builds
 * the same context Apollo's context function builds.
 */
export function addRegisterFastPath(server: FastifyInstance, deps: { schema: GraphQLSchema; maxTokens: number; cacheMaxAge: number; graphqlPath: string; contextFor: (request: FastifyRequest) => Promise<Context> }): RegisterFastPath {
  const fastPath = new RegisterFastPath(deps.schema, deps.maxTokens);
  const cacheControl = publicCacheControl(deps.cacheMaxAge);
  /** Runs the plan; true when it answered, false when the result had an error and Apollo is to answer. */
  const answer = async (request: FastifyRequest, reply: FastifyReply, plan: CompiledQuery, operation: GraphQLPostBody): Promise<boolean> => {
    const context = await deps.contextFor(request);
    const result = await plan.query(undefined, context, operation.variables ?? {});
    if (result.errors?.length) {
      fastPath.stats.handedOver++;
      (request as HandedOverRequest)[HANDED_OVER] = context;
      return false;
    }
    fastPath.stats.answered++;
    void reply.code(200).header('content-type', 'application/json; charset=utf-8').header('cache-control', cacheControl).send(`${JSON.stringify(result)}\n`);
    return true;
  };
  // (Callback style: most requests it sees are not its own and leave at once, without a promise.)
  server.addHook('preHandler', (request, reply, done) => {
    if (request.method !== 'POST' || request.headers.authorization !== undefined || request.routeOptions.url !== deps.graphqlPath) return done();
    const operation = plainOperation(request.body);
    if (!operation || !fastPath.negotiatesJson(request.headers.accept)) return done();
    const plan = fastPath.planFor(operation.query, operation.operationName);
    if (!plan) return done();
    // Anything thrown (not a GraphQL error: say the context could not be made) is Apollo's to answer too.
    answer(request, reply, plan, operation).then(
      (answered) => answered || done(),
      () => done(),
    );
  });
  return fastPath;
}
