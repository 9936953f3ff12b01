import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  buildSchema,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLUnionType,
} from 'graphql';
import { compiledQueryExecutor } from './compiled-executor';

/** Which executor called a resolver: graphql-js's frames name its own file. */
const executor = () =>
  /graphql\/execution\/execute\.js/.test(new Error().stack ?? '') ? 'js' : 'jit';

/** An error with no `extensions` of its own, as pg's are. */
class Refusal extends Error {}

function testServer() {
  const calls: string[] = [];
  const schema = buildSchema(/* GraphQL */ `
    type Item {
      id: ID!
      text: String!
    }
    type Note {
      id: ID!
    }
    union Found = Item | Note
    type Query {
      echo(text: String!): String!
      item(id: ID!): Item
      found(id: ID!): Found
      count(n: Int!): Int!
      executor: String!
    }
    type Mutation {
      step(n: Int!): Int!
    }
  `);
  const resolvers: Record<string, GraphQLFieldResolver<unknown, unknown>> = {
    echo: (_, { text }: { text: string }) => text,
    item: (_, { id }: { id: string }) => {
      if (id === 'missing') throw new Refusal('No such item.');
      return { id, text: `item ${id}` };
    },
    found: (_, { id }: { id: string }) =>
      id.startsWith('n') ? { kind: 'note', id } : { kind: 'item', id, text: id },
    count: (_, { n }: { n: number }) => n,
    executor,
    step: async (_, { n }: { n: number }) => {
      // The first step waits longest: run together, the steps would end in reverse.
      await new Promise((done) => setTimeout(done, 30 - n * 10));
      calls.push(`step ${n}`);
      return n;
    },
  };
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(type?.getFields() ?? {}))
      field.resolve = resolvers[field.name];
  }
  (schema.getType('Found') as GraphQLUnionType).resolveType = (value: { kind: string }) =>
    value.kind === 'note' ? 'Note' : 'Item';
  const formatted: { error: unknown; formatted: GraphQLFormattedError }[] = [];
  const apollo = new ApolloServer({
    gateway: compiledQueryExecutor(schema),
    formatError: (formattedError, error) => {
      formatted.push({ error: unwrapResolverError(error), formatted: formattedError });
      return formattedError;
    },
  });
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const response = await apollo.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, ...response.body.singleResult };
  };
  return { apollo, run, calls, formatted };
}

describe('compiledQueryExecutor', () => {
  let server: ReturnType<typeof testServer>;
  beforeEach(async () => {
    server = testServer();
    await server.apollo.start();
  });
  afterEach(() => server.apollo.stop());

  it('runs a document with graphql-js first, then compiled, with the same answer', async () => {
    const query = '{ executor item(id: "7") { id text } }';
    const answers = [await server.run(query), await server.run(query), await server.run(query)];
    expect(answers.map((answer) => answer.data?.executor)).toEqual(['js', 'jit', 'jit']);
    for (const answer of answers) {
      expect(answer.data?.item).toEqual({ id: '7', text: 'item 7' });
      expect(answer.errors).toBeUndefined();
    }
  });

  it('answers text in the document as data: nothing in it becomes code', async () => {
    const attacks = [
      '"); globalThis.compiledExecutorPwned = 1; ("',
      '`; globalThis.compiledExecutorPwned = 1; `',
      '${globalThis.compiledExecutorPwned = 1}',
      '\u2028\u2029*/ globalThis.compiledExecutorPwned = 1; /*',
      "'); globalThis.compiledExecutorPwned = 1; ('",
    ];
    for (const text of attacks) {
      const query = `{ executor echo(text: ${JSON.stringify(text)}) }`;
      await server.run(query);
      const compiled = await server.run(query);
      expect(compiled.data).toEqual({ executor: 'jit', echo: text });
    }
    expect('compiledExecutorPwned' in globalThis).toBe(false);
  });

  it("gives Apollo a resolver's error as graphql-js would: its path, place and cause", async () => {
    const query = '{ executor item(id: "missing") { id } }';
    const first = await server.run(query);
    const compiled = await server.run(query);
    expect(compiled.data).toEqual({ executor: 'jit', item: null });
    // Without the conversion Apollo answered "Internal server error" with no path: it reads
    // `extensions` of every error, which graphql-jit's errors lack.
    expect(compiled.errors).toEqual(first.errors);
    expect(compiled.errors).toEqual([
      {
        message: 'No such item.',
        path: ['item'],
        locations: [{ line: 1, column: 12 }],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    const [fromJs, fromJit] = server.formatted;
    expect(fromJs?.error).toBeInstanceOf(Refusal);
    expect(fromJit?.error).toBeInstanceOf(Refusal);
  });

  it('refuses variables that do not coerce with BAD_USER_INPUT, compiled or not', async () => {
    const query = 'query Count($n: Int!) { executor count(n: $n) }';
    await server.run(query, { n: 1 });
    expect((await server.run(query, { n: 2 })).data).toEqual({ executor: 'jit', count: 2 });
    const refused = await server.run(query, { n: 'two' });
    expect(refused.status).toBe(400);
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/^Variable "\$n" got invalid value "two"/);
  });

  it('resolves the members of a union', async () => {
    const query =
      '{ a: found(id: "n1") { __typename } b: found(id: "i2") { ... on Item { text } } }';
    await server.run(query);
    expect((await server.run(query)).data).toEqual({
      a: { __typename: 'Note' },
      b: { text: 'i2' },
    });
  });

  it("runs a mutation's root fields one after another", async () => {
    const mutation = 'mutation { a: step(n: 1) b: step(n: 2) c: step(n: 3) }';
    for (let run = 0; run < 2; run++) {
      server.calls.length = 0;
      expect((await server.run(mutation)).data).toEqual({ a: 1, b: 2, c: 3 });
      expect(server.calls).toEqual(['step 1', 'step 2', 'step 3']);
    }
  });
});
