import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

// Why graphql-armor: Escape's maintained rule set covers depth, aliases, directives and cost,
// and each rule is a plain graphql-js validation rule, so Apollo (HTTP) and graphql-ws (which
// runs none of Apollo's rules) share the very same list. The token limit is graphql-js's own
// `maxTokens` parse option: it aborts the parse itself, where graphql-armor-max-tokens' Apollo
// integration parses every document a second time. The cost rule multiplies by literal
// `first`/`last` arguments only; a variable counts as 1, and the resolvers' cap of
// `first` ≤ 100 bounds those lists.

/**
 * How big one GraphQL document may be, on HTTP and on WebSocket alike. The SPA's own
 * operations reach depth 6, 108 tokens, no aliases or directives and a cost of about 2,100;
 * a codegen-style introspection query is about 200 tokens (depth and cost skip `__schema`).
 * One list of 100 rich nodes (`runs(first: 100)` with its steps) costs about 10,000, so
 * 20,000 lets a full page through while lists nested in lists with literal `first`s fail.
 */
export const QUERY_LIMITS = {
  depth: 10,
  aliases: 15,
  directives: 20,
  tokens: 1000,
  cost: 20_000,
} as const;

/** Apollo's `parseOptions`; `parseWithinLimits` parses with them too. */
export const queryParseOptions: ParseOptions = { maxTokens: QUERY_LIMITS.tokens };

// The rules' own errors begin "Syntax Error:" and stop validation by throwing; reporting
// instead keeps graphql-js's error list, and Apollo and graphql-ws answer it as usual.
const report = (context: ValidationContext | null, error: GraphQLError): void =>
  context?.reportError(
    new GraphQLError(
      `${error.message.replace(/^Syntax Error: /, '')} Ask for less in one operation.`,
    ),
  );
const onRejection = { exposeLimits: true, propagateOnRejection: false, onReject: [report] };

export const queryLimitRules: readonly ValidationRule[] = [
  maxDepthRule({ n: QUERY_LIMITS.depth, ...onRejection }),
  maxAliasesRule({ n: QUERY_LIMITS.aliases, ...onRejection }),
  maxDirectivesRule({ n: QUERY_LIMITS.directives, ...onRejection }),
  costLimitRule({ maxCost: QUERY_LIMITS.cost, ...onRejection }),
];

/**
 * Parses and validates a document as Apollo does, with the limits above: for transports
 * that do not run Apollo's pipeline (graphql-ws).
 */
export function parseWithinLimits(
  schema: GraphQLSchema,
  query: string,
): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(query, queryParseOptions);
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
  const errors = validate(schema, document, [...specifiedRules, ...queryLimitRules]);
  return errors.length > 0 ? { errors } : { document };
}
