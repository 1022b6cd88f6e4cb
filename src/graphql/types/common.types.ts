import { Field, ObjectType, type ClassType } from 'type-graphql';
import type { Page } from '../../domain/shared/pagination';

@ObjectType({ description: 'Keyset pagination: pass endCursor as `after` to get the next page.' })
export class PageInfo {
  @Field(() => String, { nullable: true }) endCursor: string | null;
  @Field() hasNextPage: boolean;
}

export interface ConnectionShape<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/** A `<Name>Connection { nodes, pageInfo }` type for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name = node.name) {
  @ObjectType(`${name}Connection`)
  class ConnectionClass implements ConnectionShape<T> {
    @Field(() => [node]) nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
  }
  return ConnectionClass;
}

export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  return { nodes: page.items, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
}
