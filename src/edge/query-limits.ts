import { createHash } from 'node:crypto';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  getNullableType,
  getOperationAST,
  isLeafType,
  isListType,
  Kind,
  parse,
  validate,
  visit,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationTypeNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import type { EdgeConfig } from '../config';
import { MAX_PAGE_SIZE } from '../domain/shared/pagination';

/** Which limit refused a document; `extensions.limit` in the QUERY_TOO_COMPLEX error. */
export type QueryLimit = 'tokens' | 'depth' | 'aliases' | 'directives' | 'cost';

export interface LimitRefusal {
  limit: QueryLimit;
  message: string;
  max: number;
  actual?: number;
}

export interface LimitVerdict {
  refusal?: LimitRefusal;
  /** The operation's type when the document parsed and one operation was selected (rate limits use it). */
  operationType?: OperationTypeNode;
}

/** A connection's page when `first`/`last` is not given (pagination.ts's `pageSize` fallback). */
const DEFAULT_PAGE_SIZE = 20;
/** A plain list field (no page arguments) is assumed to hold this many items. */
const DEFAULT_LIST_SIZE = 10;

/**
 * Fields that still run their own statements per parent (not batched by a loader), priced accordingly:
 * `Participant.submissionReadiness` evaluates ATS-22 (batched per page: members, sections and balances).
 */
const PER_ITEM_FIELD_COST: Record<string, number> = { 'Participant.submissionReadiness': 10 };

/**
 * Cost of a field: 1 for each object (a row or a loader call; scalars are free), times its page size for lists.
 * A connection costs `first` (or `last`, or the default page) times its selection; its `nodes`/`edges` lists are
 * that page, so they are not multiplied again. Introspection is free (it never touches the database).
 */
export const pageSizeEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  const named = getNamedType(field.type);
  const own = PER_ITEM_FIELD_COST[`${type.name}.${field.name}`] ?? (isLeafType(named) ? 0 : 1);
  const requested = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined;
  if (requested !== undefined) return own + Math.max(1, Math.min(requested, MAX_PAGE_SIZE)) * childComplexity;
  if (named.name.endsWith('Connection')) return own + DEFAULT_PAGE_SIZE * childComplexity;
  if (isListType(getNullableType(field.type)) && !type.name.endsWith('Connection')) return own + DEFAULT_LIST_SIZE * childComplexity;
  return own + childComplexity;
};

interface StaticVerdict {
  document?: DocumentNode;
  refusal?: LimitRefusal;
  /** The only variables the cost depends on: page sizes and directive conditions (see costVariablesOf). */
  costVariables?: string[];
}

/**
 * Names of the variables the cost can depend on: those given to a `first` or `last` argument (pageSizeEstimator) and
 * those used in a directive (`@include(if: $x)` / `@skip(if: $x)` decide whether a selection counts).
 */
export function costVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
    Directive(node) {
      visit(node, { Variable: (v) => void names.add(v.name.value) });
    },
  });
  return [...names].sort();
}

/** A document's cache key: itself when short (most are), else its SHA-256, so the caches stay small in memory. */
function documentKey(source: string): string {
  return source.length > 2000 ? createHash('sha256').update(source).digest('base64') : source;
}

/**
 * Refuses a document that is too big before Apollo parses and validates it (graphql-js's validation of tens of
 * thousands of aliases is itself the attack), with GraphQL Armor's depth, alias and directive rules, graphql-js's
 * token limit in the parser, and graphql-query-complexity for cost. Verdicts that do not depend on variables are
 * cached per document.
 */
export class QueryLimiter {
  private readonly cache = new Map<string, StaticVerdict>();
  // A document's cost given the values of the variables it depends on (page sizes, directive conditions).
  private readonly costs = new LRUCache<string, number>({ max: 2000 });

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: EdgeConfig['limits'],
    private readonly cacheSize = 500,
  ) {}

  check(source: string, variables: Record<string, unknown> | undefined, operationName: string | undefined): LimitVerdict {
    const key = documentKey(source);
    const verdict = this.staticVerdict(key, source);
    if (verdict.refusal || !verdict.document) return { refusal: verdict.refusal };
    const operation = getOperationAST(verdict.document, operationName);
    // The cost is cached per document, operation and values of the variables it depends on.
    const costValues = verdict.costVariables!.map((name) => variables?.[name]);
    const costKey = `${operationName ?? ''}\u0000${JSON.stringify(costValues)}\u0000${key}`;
    let cost = costKey.length <= 2200 ? this.costs.get(costKey) : undefined;
    if (cost === undefined) {
      try {
        cost = getComplexity({ schema: this.schema, query: verdict.document, variables: variables ?? {}, operationName, estimators: [pageSizeEstimator] });
      } catch {
        // Unknown operation or invalid variables: Apollo refuses it next with its own code, before anything runs.
        return { operationType: operation?.operation };
      }
      if (costKey.length <= 2200) this.costs.set(costKey, cost);
    }
    if (cost > this.limits.maxCost) {
      return { refusal: { limit: 'cost', max: this.limits.maxCost, actual: cost, message: `The operation costs ${cost}, above the limit of ${this.limits.maxCost}; ask for smaller pages (first/last) or fewer fields` } };
    }
    return { operationType: operation?.operation };
  }

  private staticVerdict(key: string, source: string): StaticVerdict {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const verdict = this.evaluate(source);
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, verdict);
    return verdict;
  }

  private evaluate(source: string): StaticVerdict {
    const { maxTokens, maxDepth, maxAliases, maxDirectives } = this.limits;
    let document: DocumentNode;
    try {
      document = parse(source, { maxTokens, noLocation: true });
    } catch (error) {
      if (/contains more th(?:an|at) \d+ tokens/.test((error as Error).message)) {
        return { refusal: { limit: 'tokens', max: maxTokens, message: `The document has more than ${maxTokens} tokens` } };
      }
      return {}; // a syntax error: Apollo reports it as GRAPHQL_PARSE_FAILED
    }
    const refusals: LimitRefusal[] = [];
    const onReject = (limit: QueryLimit, max: number) => [(_ctx: unknown, err: GraphQLError) => refusals.push({ limit, max, message: err.message.replace(/^Syntax Error: /, '') })];
    validate(this.schema, document, [
      maxDepthRule({ n: maxDepth, ignoreIntrospection: true, flattenFragments: true, propagateOnRejection: false, onReject: onReject('depth', maxDepth) }),
      maxAliasesRule({ n: maxAliases, propagateOnRejection: false, onReject: onReject('aliases', maxAliases) }),
      maxDirectivesRule({ n: maxDirectives, propagateOnRejection: false, onReject: onReject('directives', maxDirectives) }),
    ]);
    return refusals.length ? { refusal: refusals[0] } : { document, costVariables: costVariablesOf(document) };
  }
}
