import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildSchema,
  getNullableType,
  getIntrospectionQuery,
  isListType,
  isObjectType,
} from 'graphql';
import { FIELD_SIZES, QUERY_LIMITS, UNBOUNDED_LIST_ITEMS, parseWithinLimits } from './query-limits';

const schema = buildSchema(`
  directive @tag on FIELD
  type Node {
    id: ID!
    name(secret: String): String
    sum(values: [Int!]): Int
    child: Node
    children(first: Int): [Node!]!
    all: [Node!]!
  }
  type Query { node: Node }
`);

const nested = (depth: number): string =>
  `{ node { ${'child { '.repeat(depth - 2)}id${' }'.repeat(depth - 1)} }`;

/** A document of exactly `count` tokens: 12 around a list of numbers. */
const tokens = (count: number): string =>
  `{ node { sum(values: [${Array.from({ length: count - 12 }, (_, i) => i).join(' ')}]) } }`;

const appSchema = buildSchema(
  readFileSync(resolve(__dirname, '../../../../packages/schema/schema.graphql'), 'utf8'),
);

const MiB = 1024 * 1024;

const messagesOf = (query: string, maxBytes = 16 * MiB, on = schema): string[] => {
  const result = parseWithinLimits(on, query, maxBytes);
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

  it('refuses lists nested in lists by the size their answer could reach', () => {
    // 100 × 100 rows of two short fields: about 1.7 MB; one list of them: about 17 KB.
    const query = '{ node { children(first: 100) { children(first: 100) { id name } } } }';
    expect(messagesOf(query, MiB)).toEqual([
      expect.stringMatching(
        /^The answer to this operation could reach 1\.\d MiB, over the limit of 1\.0 MiB\./,
      ),
    ]);
    expect(messagesOf('{ node { children(first: 100) { id name } } }', MiB)).toEqual([]);
  });

  it('counts a list without first at its largest size, and a variable first at the cap', () => {
    const perRow = '{ id name child { id name } }';
    const limit = 20_000; // 100 rows of about 300 bytes are over, 1 row is well under
    for (const query of [
      `{ node { all ${perRow} } }`,
      `{ node { children ${perRow} } }`,
      `query($first: Int) { node { children(first: $first) ${perRow} } }`,
    ]) {
      expect(messagesOf(query, limit)).toEqual([expect.stringMatching(/^The answer to this/)]);
    }
    expect(messagesOf(`{ node { children(first: 1) ${perRow} } }`, limit)).toEqual([]);
    expect(UNBOUNDED_LIST_ITEMS).toBe(100);
  });

  it('counts a stored response body at 64 KiB, not as one field', () => {
    // 50 steps of 64 KiB: 3.1 MiB and a little.
    const query = '{ workflowRun(id: "x") { steps { responseBody } } }';
    expect(messagesOf(query, 3 * MiB, appSchema)).toHaveLength(1);
    expect(messagesOf(query, 4 * MiB, appSchema)).toEqual([]);
  });

  it('refuses the reviewed attack: 15 aliases over every workflow, their runs and bodies', () => {
    const aliases = Array.from(
      { length: QUERY_LIMITS.aliases },
      (_, i) => `a${i}: workflows { runs(first: ${100 - i}) { steps { responseBody } } }`,
    );
    expect(messagesOf(`{ ${aliases.join(' ')} }`, 16 * MiB, appSchema)).toEqual([
      expect.stringMatching(/^The answer to this operation could reach \d+\.\d MiB/),
    ]);
  });

  it('knows the largest size of every list of the schema without first', () => {
    const unsized = Object.values(appSchema.getTypeMap())
      .filter(isObjectType)
      .filter((type) => !type.name.startsWith('__'))
      .flatMap((type) =>
        Object.values(type.getFields())
          .filter((field) => isListType(getNullableType(field.type)))
          .filter((field) => !field.args.some((arg) => arg.name === 'first'))
          .map((field) => `${type.name}.${field.name}`),
      )
      .filter((key) => FIELD_SIZES[key]?.items === undefined);
    expect(unsized).toEqual([]);
    // Every entry names a real field.
    const missing = Object.keys(FIELD_SIZES).filter((key) => {
      const [type, field] = key.split('.');
      const found = type ? appSchema.getType(type) : undefined;
      return !(isObjectType(found) && field && found.getFields()[field]);
    });
    expect(missing).toEqual([]);
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
