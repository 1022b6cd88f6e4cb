import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from '../../domain/shared/errors';
import { checkPageRequest, decodeCursor, encodeCursor, isBackward, MAX_PAGE_SIZE, pageSize, type Page, type PageRequest } from '../../domain/shared/pagination';

@ObjectType({
  description:
    'Relay page information. Page forward with `first` and `after: endCursor` while `hasNextPage`; page backward with `last` and `before: startCursor` while `hasPreviousPage`.',
})
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'The cursor of the first item of this page (null when the page is empty).' })
  startCursor: string | null;
  @Field(() => String, { nullable: true, description: 'The cursor of the last item of this page (null when the page is empty).' })
  endCursor: string | null;
  @Field({ description: 'More items follow this page (when paging backward: true whenever `before` was given).' })
  hasNextPage: boolean;
  @Field({ description: 'Items precede this page (when paging forward: true whenever `after` was given).' })
  hasPreviousPage: boolean;
}

/** The Relay arguments every connection takes: `first`/`after` forward or `last`/`before` backward, never both. */
@ArgsType()
export class ConnectionArgs implements PageRequest {
  @Field(() => Int, { nullable: true, description: `Page forward: at most this many items after \`after\` (1..${MAX_PAGE_SIZE}, default 20).` })
  first?: number | null;
  @Field(() => String, { nullable: true, description: 'Page forward from this opaque cursor (an `endCursor` or an edge `cursor` of this list).' })
  after?: string | null;
  @Field(() => Int, { nullable: true, description: `Page backward: at most this many items before \`before\` (1..${MAX_PAGE_SIZE}); not with first/after.` })
  last?: number | null;
  @Field(() => String, { nullable: true, description: 'Page backward from this opaque cursor (a `startCursor` or an edge `cursor` of this list); not with first/after.' })
  before?: string | null;
}

export interface EdgeShape<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  nodes: T[];
  edges: EdgeShape<T>[];
  pageInfo: PageInfo;
  totalCount?: number;
}

export interface ConnectionOptions {
  /** Adds `totalCount: Int!`; only for lists whose count is cheap (the resolver must set `page.totalCount`). */
  totalCount?: boolean;
  /** Overrides the generated description of the connection type. */
  description?: string;
}

/** A Relay `<Name>Connection { nodes edges { cursor node } pageInfo [totalCount] }` type (and `<Name>Edge`) for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name = node.name, options: ConnectionOptions = {}) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with the cursor to page from it.` })
  class EdgeClass implements EdgeShape<T> {
    @Field({ description: 'Opaque cursor of this item: pass it as `after` or `before`.' }) cursor: string;
    @Field(() => node, { description: `The ${name}.` }) node: T;
  }

  @ObjectType(`${name}Connection`, { description: options.description ?? `A page of ${name} items (Relay connection): \`nodes\` or \`edges\`, and \`pageInfo\`.` })
  class ConnectionClass implements ConnectionShape<T> {
    @Field(() => [node], { description: 'The items of this page, in the list’s order (the same items as `edges.node`).' }) nodes: T[];
    @Field(() => [EdgeClass], { description: 'The items of this page with their cursors.' }) edges: EdgeShape<T>[];
    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist either way.' }) pageInfo: PageInfo;
    totalCount?: number;
  }
  if (options.totalCount) {
    Field(() => Int, { description: 'How many items the whole list holds (all pages, with the same filters).' })(ConnectionClass.prototype, 'totalCount');
  }
  return ConnectionClass;
}

/** A service page as a Relay connection: nodes, edges with their cursors, and pageInfo. */
export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  const last = page.items.length - 1;
  const cursorAt = (i: number): string => page.cursors?.[i] ?? (i === last ? (page.endCursor ?? '') : i === 0 ? (page.startCursor ?? '') : '');
  const edges = page.items.map((node, i) => ({ cursor: cursorAt(i), node }));
  return {
    nodes: page.items,
    edges,
    pageInfo: {
      startCursor: page.startCursor ?? (edges.length ? edges[0].cursor || null : null),
      endCursor: page.endCursor,
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage ?? false,
    },
    ...(page.totalCount !== undefined ? { totalCount: page.totalCount } : {}),
  };
}

/**
 * Pages a list that is already loaded whole and ordered (small lists whose count is cheap): the cursor holds the
 * item's id. Sets `totalCount`.
 */
export function pageOfList<T extends { id: string }>(items: readonly T[], request: PageRequest): Page<T> {
  checkPageRequest(request);
  const backward = isBackward(request);
  const size = pageSize(request, MAX_PAGE_SIZE);
  const cursor = backward ? request.before : request.after;
  const field = backward ? 'before' : 'after';
  let start = 0;
  let end = items.length;
  if (cursor) {
    const [id] = decodeCursor(cursor, ['uuid'], field);
    const at = items.findIndex((item) => item.id === id);
    if (at < 0) throw badInput(field, `The ${field} cursor does not point into this list`);
    if (backward) end = at;
    else start = at + 1;
  }
  const slice = backward ? items.slice(Math.max(start, end - size), end) : items.slice(start, start + size);
  const from = backward ? Math.max(start, end - size) : start;
  const cursors = slice.map((item) => encodeCursor([item.id]));
  return {
    items: slice,
    cursors,
    startCursor: cursors[0] ?? null,
    endCursor: cursors.length ? cursors[cursors.length - 1] : null,
    hasNextPage: from + slice.length < items.length,
    hasPreviousPage: from > 0,
    totalCount: items.length,
  };
}

/** `pageOfList` straight to a connection. */
export function listConnection<T extends { id: string }>(items: readonly T[], request: PageRequest): ConnectionShape<T> {
  return toConnection(pageOfList(items, request));
}
