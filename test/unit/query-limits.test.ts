import { parse, type GraphQLSchema } from 'graphql';
import { loadConfig } from '../../src/config';
import { costVariablesOf, QueryLimiter } from '../../src/edge/query-limits';
import { getSchema } from '../../src/graphql/schema';

/** Issue 7 / issue 10: the cost limit, whose figure is cached per document and the variables it depends on. */
describe('the query cost limit and its cache', () => {
  let schema: GraphQLSchema;
  const limits = { ...loadConfig({ NODE_ENV: 'test' }).edge.limits, maxCost: 200 };
  beforeAll(async () => {
    schema = await getSchema();
  });

  const doc = `query ($first: Int, $title: StatusTitle, $name: String, $withEdges: Boolean!) {
    professionalStatusRegister(name: $name, title: $title, first: $first) { totalCount nodes { fullName } edges @include(if: $withEdges) { node { fullName } } } }`;

  it('depends only on page sizes and directive conditions, not on the other variables', () => {
    expect(costVariablesOf(parse(doc))).toEqual(['first', 'withEdges']);
  });

  it('prices the same document again whenever a page size or a directive condition changes', () => {
    const limiter = new QueryLimiter(schema, limits);
    const verdict = (variables: Record<string, unknown>) => limiter.check(doc, variables, undefined).refusal;
    expect(verdict({ first: 100, name: 'smith', withEdges: false })).toBeUndefined(); // 1 + 100 × 1
    expect(verdict({ first: 100, name: 'jones', withEdges: true })).toMatchObject({ limit: 'cost', actual: 301 }); // 1 + 100 × (nodes + edges + node)
    expect(verdict({ first: 100, name: 'smith', withEdges: false })).toBeUndefined();
    expect(verdict({ first: 400, name: 'smith', withEdges: false })).toBeUndefined(); // page sizes are capped at 100
    expect(verdict({ first: 100, name: 'smith', withEdges: true })).toMatchObject({ limit: 'cost', actual: 301 });
  });
});
