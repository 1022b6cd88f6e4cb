import { getNamedType, isListType, isNonNullType, isObjectType, type GraphQLOutputType } from 'graphql';
import { getSchema } from '../../src/graphql/schema';
import { createTestApp, errorCode, expectNoErrors, type TestApp } from '../support/harness';

/** Issue 7 item 7: Relay connections everywhere a list can grow. */
const SMALL_LIST = /stays small|stay small/i;

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

describe('Relay connections', () => {
  it('every *Connection field takes first/after/last/before and has nodes, edges { cursor node } and a full pageInfo', async () => {
    const schema = await getSchema();
    const problems: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        if (!named.name.endsWith('Connection') || !isObjectType(named)) continue;
        const args = field.args.map((a) => a.name);
        for (const arg of ['first', 'after', 'last', 'before']) if (!args.includes(arg)) problems.push(`${type.name}.${field.name} lacks ${arg} (use @Args(() => ConnectionArgs))`);
        const fields = named.getFields();
        for (const f of ['nodes', 'edges', 'pageInfo']) if (!fields[f]) problems.push(`${named.name} lacks ${f} (build it with Connection())`);
      }
    }
    const pageInfo = schema.getType('PageInfo');
    expect(isObjectType(pageInfo) && Object.keys(pageInfo.getFields()).sort()).toEqual(['endCursor', 'hasNextPage', 'hasPreviousPage', 'startCursor']);
    expect(problems).toEqual([]);
  });

  it('every root list that is not a connection says in its description why it stays small', async () => {
    const schema = await getSchema();
    const bare: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        if (isList(field.type) && !SMALL_LIST.test(field.description ?? '')) bare.push(`${root!.name}.${field.name}`);
      }
    }
    expect(bare).toEqual([]);
  });

  describe('paging', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    const PAGE = `query ($first: Int, $after: String, $last: Int, $before: String) {
      members(first: $first, after: $after, last: $last, before: $before) {
        nodes { id } edges { cursor node { id } } pageInfo { startCursor endCursor hasNextPage hasPreviousPage }
      }
    }`;

    it('pages forward and backward over the same order, with a cursor on every edge', async () => {
      const all = await t.gql(PAGE, { first: 100 }, 'admin');
      expectNoErrors(all);
      const ids: string[] = all.data!.members.nodes.map((n: { id: string }) => n.id);
      expect(ids.length).toBeGreaterThan(6);
      expect(all.data!.members.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(ids);

      const first = await t.gql(PAGE, { first: 3 }, 'admin');
      const p1 = first.data!.members;
      expect(p1.nodes.map((n: { id: string }) => n.id)).toEqual(ids.slice(0, 3));
      expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: p1.edges[0].cursor, endCursor: p1.edges[2].cursor });

      const second = await t.gql(PAGE, { first: 3, after: p1.pageInfo.endCursor }, 'admin');
      const p2 = second.data!.members;
      expect(p2.nodes.map((n: { id: string }) => n.id)).toEqual(ids.slice(3, 6));
      expect(p2.pageInfo.hasPreviousPage).toBe(true);

      const back = await t.gql(PAGE, { last: 2, before: p2.pageInfo.startCursor }, 'admin');
      expectNoErrors(back);
      expect(back.data!.members.nodes.map((n: { id: string }) => n.id)).toEqual(ids.slice(1, 3));
      expect(back.data!.members.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });

      const tail = await t.gql(PAGE, { last: 2 }, 'admin');
      expect(tail.data!.members.nodes.map((n: { id: string }) => n.id)).toEqual(ids.slice(-2));
      expect(tail.data!.members.pageInfo.hasNextPage).toBe(false);
    });

    it('pages an instant-ordered list (the audit log) backward from a cursor', async () => {
      const all = await t.gql('{ auditLog(first: 10) { nodes { id } pageInfo { endCursor } } }', undefined, 'admin');
      expectNoErrors(all);
      const ids: string[] = all.data!.auditLog.nodes.map((n: { id: string }) => n.id);
      if (ids.length >= 3) {
        const second = await t.gql(`{ auditLog(first: 1, after: "${(await t.gql('{ auditLog(first: 2) { pageInfo { endCursor } } }', undefined, 'admin')).data!.auditLog.pageInfo.endCursor}") { nodes { id } } }`, undefined, 'admin');
        expect(second.data!.auditLog.nodes[0].id).toBe(ids[2]);
      }
    });

    it('refuses mixing directions and pages a small public list with totalCount', async () => {
      const mixed = await t.gql('{ members(first: 2, last: 2) { nodes { id } } }', undefined, 'admin');
      expect(errorCode(mixed)).toBe('BAD_USER_INPUT');
      expect(mixed.errors?.[0].extensions.field).toBe('last');
      const cohorts = await t.gql('{ cohorts(first: 1) { totalCount nodes { id } edges { cursor } pageInfo { hasNextPage } } }');
      expectNoErrors(cohorts);
      expect(cohorts.data!.cohorts.nodes.length).toBeLessThanOrEqual(1);
      expect(cohorts.data!.cohorts.totalCount).toBeGreaterThanOrEqual(cohorts.data!.cohorts.nodes.length);
    });
  });
});
