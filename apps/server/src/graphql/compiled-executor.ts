import type {
  GatewayExecutionResult,
  GatewayGraphQLRequestContext,
  GatewayInterface,
} from '@apollo/server-gateway-interface';
import {
  execute,
  GraphQLError,
  OperationTypeNode,
  printSchema,
  type DocumentNode,
  type GraphQLSchema,
  type SourceLocation,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * graphql-jit's errors are its own subclass of GraphQLError, built without `extensions`,
 * which Apollo reads on every error (it answered "Internal server error" for all of them).
 * A resolver's error becomes graphql-js's own, as graphql-js would have located it.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const located = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError,
  });
  // graphql-js computes locations from the nodes, which graphql-jit kept only as locations.
  (located as { locations?: readonly SourceLocation[] }).locations = error.locations;
  return located;
}

const SEEN_ONCE = Symbol('seen once');
type Compiled = CompiledQuery | typeof SEEN_ONCE | null;

/**
 * Queries run by graphql-jit, everything else by graphql-js (issue 13).
 *
 * graphql-js walks a document anew on every execution: it collects each selection's fields,
 * memoises them in WeakMaps, builds a path and a promise per field. A list of 50 secrets with
 * their dependents cost 718 µs of execution, 204 µs compiled, with the same JSON. graphql-jit
 * compiles a document once into a function; Apollo Server keeps parsing, validation (the
 * query limits), plugins and errors, and runs the compiled function through its gateway
 * interface, the one place it takes another executor.
 *
 * Where the two could differ, graphql-js answers:
 * - mutations and subscriptions: few callers repeat them, and what they change stays with
 *   the executor every rule of the product was first proven with;
 * - a request whose variables do not coerce: graphql-jit's errors lack the variable's node
 *   that makes Apollo answer BAD_USER_INPUT, so graphql-js coerces again and says why. No
 *   resolver has run at that point, so nothing happens twice;
 * - a document's first execution, and a document graphql-jit cannot compile.
 */
export function compiledQueryExecutor(schema: GraphQLSchema): GatewayInterface {
  /**
   * Per parsed document, as Apollo's document store keeps it, per operation name: SEEN_ONCE
   * after its first execution, then its compiled query (null if it does not compile).
   */
  const compiled = new WeakMap<DocumentNode, Map<string | null, Compiled>>();

  /**
   * A document is compiled when it comes a second time (as mercurius does with `jit: 1`):
   * what callers send again and again pays the compiler once, a document sent once never.
   */
  const compiledFor = (document: DocumentNode, operationName: string | null) => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map<string | null, Compiled>()));
    const known = byName.get(operationName);
    if (known === undefined) {
      byName.set(operationName, SEEN_ONCE);
      return null;
    }
    if (known !== SEEN_ONCE) return known;
    const result = compileQuery(schema, document, operationName ?? undefined);
    const query = isCompiledQuery(result) ? result : null;
    byName.set(operationName, query);
    return query;
  };

  const byGraphQLJs = (request: GatewayGraphQLRequestContext) =>
    execute({
      schema,
      document: request.document,
      contextValue: request.context,
      variableValues: request.request.variables,
      operationName: request.request.operationName,
    }) as Promise<GatewayExecutionResult> | GatewayExecutionResult;

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async load() {
      return {
        async executor(request) {
          if (request.operation.operation !== OperationTypeNode.QUERY) return byGraphQLJs(request);
          const query = compiledFor(request.document, request.request.operationName ?? null);
          if (!query) return byGraphQLJs(request);
          const result = await query.query(undefined, request.context, request.request.variables);
          // No data at all: the variables did not coerce, and no resolver ran.
          if (result.data === undefined) return byGraphQLJs(request);
          return result.errors
            ? { ...result, errors: result.errors.map(asGraphQLJsError) }
            : result;
        },
      };
    },
    async stop() {},
  };
}
