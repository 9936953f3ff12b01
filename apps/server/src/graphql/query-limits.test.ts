import { buildSchema, getIntrospectionQuery } from 'graphql';
import { QUERY_LIMITS, parseWithinLimits } from './query-limits';

const schema = buildSchema(`
  directive @tag on FIELD
  type Node {
    id: ID!
    name(secret: String): String
    sum(values: [Int!]): Int
    child: Node
    children(first: Int): [Node!]!
  }
  type Query { node: Node }
`);

const nested = (depth: number): string =>
  `{ node { ${'child { '.repeat(depth - 2)}id${' }'.repeat(depth - 1)} }`;

/** A document of exactly `count` tokens: 12 around a list of numbers. */
const tokens = (count: number): string =>
  `{ node { sum(values: [${Array.from({ length: count - 12 }, (_, i) => i).join(' ')}]) } }`;

const messagesOf = (query: string): string[] => {
  const result = parseWithinLimits(schema, query);
  return 'errors' in result ? result.errors.map((error) => error.message) : [];
};

describe('parseWithinLimits', () => {
  it('accepts a document at every limit', () => {
    const aliases = Array.from({ length: QUERY_LIMITS.aliases }, (_, i) => `a${i}: id`).join(' ');
    const directives = Array.from({ length: QUERY_LIMITS.directives }, () => 'id @tag').join(' ');
    expect(messagesOf(nested(QUERY_LIMITS.depth))).toEqual([]);
    expect(messagesOf(`{ node { ${aliases} } }`)).toEqual([]);
    expect(messagesOf(`{ node { ${directives} } }`)).toEqual([]);
    expect(messagesOf(tokens(QUERY_LIMITS.tokens))).toEqual([]);
  });

  it('refuses too deep a document, saying which limit', () => {
    expect(messagesOf(nested(QUERY_LIMITS.depth + 1))).toEqual([
      `Query depth limit of ${QUERY_LIMITS.depth} exceeded, found ${QUERY_LIMITS.depth + 1}. Ask for less in one operation.`,
    ]);
  });

  it('refuses too many aliases and too many directives', () => {
    const aliases = Array.from({ length: QUERY_LIMITS.aliases + 1 }, (_, i) => `a${i}: id`);
    const directives = Array.from({ length: QUERY_LIMITS.directives + 1 }, () => 'id @tag');
    expect(messagesOf(`{ node { ${aliases.join(' ')} } }`)).toEqual([
      expect.stringMatching(/^Aliases limit of 15 exceeded, found 16\./),
    ]);
    expect(messagesOf(`{ node { ${directives.join(' ')} } }`)).toEqual([
      expect.stringMatching(/^Directives limit of 20 exceeded, found 21\./),
    ]);
  });

  it('refuses lists nested in lists by their cost', () => {
    const query = '{ node { children(first: 100) { children(first: 100) { id name } } } }';
    expect(messagesOf(query)).toEqual([
      expect.stringMatching(/^Query Cost limit of 20000 exceeded/),
    ]);
    expect(messagesOf('{ node { children(first: 100) { id name } } }')).toEqual([]);
  });

  it('stops parsing past the token limit', () => {
    // graphql-js's own message ("more that" is its spelling).
    expect(messagesOf(tokens(QUERY_LIMITS.tokens + 1))).toEqual([
      expect.stringMatching(/^Syntax Error: Document contains more tha[nt] 1000 tokens\./),
    ]);
  });

  it('never quotes the input in a refusal', () => {
    const canary = 'canary-7f3a9c';
    const query = `{ node { ${Array.from(
      { length: QUERY_LIMITS.aliases + 1 },
      (_, i) => `a${i}: name(secret: "${canary}")`,
    ).join(
      ' ',
    )} child { child { child { child { child { child { child { child { child { id } } } } } } } } } } }`;
    const messages = messagesOf(query);
    expect(messages).toHaveLength(2);
    expect(messages.join('\n')).not.toContain(canary);
  });

  it('lets a full introspection query through', () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    expect(messagesOf(query)).toEqual([]);
  });

  it('still runs the standard rules', () => {
    expect(messagesOf('{ node { missing } }')).toEqual([
      'Cannot query field "missing" on type "Node".',
    ]);
  });
});
