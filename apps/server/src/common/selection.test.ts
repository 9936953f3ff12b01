import { buildSchema, graphql } from 'graphql';
import { asksFor } from './selection';

/** `page` answers whether the operation asks for `nodes { dependents }` below it. */
const schema = buildSchema(`
  type Dependent { id: ID }
  type Node { id: ID dependents: [Dependent] }
  type Page { nodes: [Node] asked: Boolean }
  type Query { page: Page }
`);
const root = {
  page: (_args: unknown, _context: unknown, info: Parameters<typeof asksFor>[0]) => ({
    nodes: [],
    asked: asksFor(info, ['nodes', 'dependents']),
  }),
};

async function asked(query: string, variableValues?: Record<string, unknown>) {
  const result = await graphql({ schema, source: query, rootValue: root, variableValues });
  expect(result.errors).toBeUndefined();
  return (result.data as { page: { asked: boolean } }).page.asked;
}

describe('asksFor', () => {
  it('finds the field through fields, inline fragments and named fragments', async () => {
    expect(await asked('{ page { asked nodes { dependents { id } } } }')).toBe(true);
    expect(await asked('{ page { asked nodes { id } } }')).toBe(false);
    expect(await asked('{ page { asked ... on Page { nodes { dependents { id } } } } }')).toBe(
      true,
    );
    expect(
      await asked('{ page { asked nodes { ...N } } } fragment N on Node { dependents { id } }'),
    ).toBe(true);
  });

  it('does not count what @skip or @include leaves out, as graphql-js decides it', async () => {
    const query = `query ($skip: Boolean!, $include: Boolean!) { page { asked
      nodes { dependents @skip(if: $skip) @include(if: $include) { id } } } }`;
    expect(await asked(query, { skip: false, include: true })).toBe(true);
    expect(await asked(query, { skip: true, include: true })).toBe(false);
    expect(await asked(query, { skip: false, include: false })).toBe(false);
    expect(await asked('{ page { asked nodes @skip(if: true) { dependents { id } } } }')).toBe(
      false,
    );
    expect(
      await asked(
        '{ page { asked nodes { ...N @include(if: false) } } } fragment N on Node { dependents { id } }',
      ),
    ).toBe(false);
    expect(
      await asked('{ page { asked nodes { ... @skip(if: true) { dependents { id } } } } }'),
    ).toBe(false);
  });
});
