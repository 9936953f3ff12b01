import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isAbstractType,
  isCompositeType,
  isListType,
  isUnionType,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { MAX_PAGE_SIZE } from '../common/pagination';
import { MAX_RECORDED_BODY_BYTES } from '../outbound/client';
import { MAX_ALLOWED_HOSTS } from '@secrets/rules';
import { MAX_DESCRIPTION_LENGTH } from '../secrets/secret-rules';
import {
  MAX_BODY_BYTES,
  MAX_HEADER_VALUE_LENGTH,
  MAX_HEADERS,
  MAX_STEPS,
} from '../workflows/workflow-rules';
import { MAX_LAST_ERROR_LENGTH } from '../notifications/channel-sender';
import { MAX_RECIPIENTS } from '../notifications/notification-channel.service';
import { inBytes, responseTooLarge } from './response-budget';

// Why graphql-armor: Escape's maintained rule set covers depth, aliases and directives, and
// each rule is a plain graphql-js validation rule, so Apollo (HTTP) and graphql-ws (which
// runs none of Apollo's rules) share the very same list. The token limit is graphql-js's own
// `maxTokens` parse option: it aborts the parse itself, where graphql-armor-max-tokens' Apollo
// integration parses every document a second time. graphql-armor's cost rule is not used: it
// reads no types, so an unpaged list counted as one row and a 64 KiB text as one scalar.

/**
 * How big one GraphQL document may be, on HTTP and on WebSocket alike. The SPA's own
 * operations reach depth 6, 108 tokens, no aliases or directives; a codegen-style
 * introspection query is about 200 tokens (depth and size skip `__schema`).
 */
export const QUERY_LIMITS = {
  depth: 10,
  aliases: 15,
  directives: 20,
  tokens: 1000,
} as const;

/** Apollo's `parseOptions`; `parseWithinLimits` parses with them too. */
export const queryParseOptions: ParseOptions = { maxTokens: QUERY_LIMITS.tokens };

/**
 * The most a field can weigh in an answer, where that is more than a short field:
 * `items`, the most rows of a list without `first`; `bytes`, the most a text holds;
 * `listBytes`, the most a whole list holds when its rows are bounded together.
 */
interface FieldSize {
  items?: number;
  bytes?: number;
  listBytes?: number;
}

/**
 * Lists that no rule bounds grow with the data: they are counted as this many rows, and an
 * answer with more is stopped by the byte budget as it is built (response-budget.ts).
 */
export const UNBOUNDED_LIST_ITEMS = 100;
/** Any other field: an id, a date, a number, a name or a short message. */
const SHORT_FIELD_BYTES = 64;
/** A workflow is saved by one request, and a request body is at most 2 MB (server.ts). */
const WORKFLOW_STEPS_BYTES = 2 * 1024 * 1024;

/** Keyed by `Type.field`. Every list field without `first` is here (a test checks it). */
export const FIELD_SIZES: Readonly<Record<string, FieldSize>> = {
  // A page's rows, whatever its `first`.
  'SecretPage.nodes': { items: MAX_PAGE_SIZE },
  'AuditEventPage.nodes': { items: MAX_PAGE_SIZE },
  'Query.workflows': { items: UNBOUNDED_LIST_ITEMS },
  'Query.connections': { items: UNBOUNDED_LIST_ITEMS },
  'Query.users': { items: UNBOUNDED_LIST_ITEMS },
  'Query.apiTokens': { items: UNBOUNDED_LIST_ITEMS },
  'Query.notificationChannels': { items: UNBOUNDED_LIST_ITEMS },
  'NotificationChannel.emailTo': { items: MAX_RECIPIENTS },
  'NotificationChannel.url': { bytes: 2048 }, // checkUrl's limit
  'NotificationDelivery.lastError': { bytes: MAX_LAST_ERROR_LENGTH },
  'Secret.dependents': { items: UNBOUNDED_LIST_ITEMS },
  'Secret.allowedHosts': { items: MAX_ALLOWED_HOSTS },
  'Secret.description': { bytes: MAX_DESCRIPTION_LENGTH },
  'Workflow.steps': { items: MAX_STEPS, listBytes: WORKFLOW_STEPS_BYTES },
  'HttpRequestStep.headers': { items: MAX_HEADERS },
  // Counted as one name per header; a header naming several is left to the byte budget.
  'HttpRequestStep.secretNames': { items: MAX_HEADERS },
  'HttpRequestStep.body': { bytes: MAX_BODY_BYTES },
  'HttpRequestStep.url': { bytes: 2048 }, // checkUrl's limit
  'HttpHeader.value': { bytes: MAX_HEADER_VALUE_LENGTH },
  'WorkflowRun.steps': { items: MAX_STEPS },
  // One secret per header, as for secretNames.
  'StepRun.secretsUsed': { items: MAX_HEADERS },
  'StepRun.responseBody': { bytes: MAX_RECORDED_BODY_BYTES },
};

/** The rows a list field can return: its `first` (a variable counts as the cap), or FIELD_SIZES. */
function listItems(field: GraphQLField<unknown, unknown>, node: FieldNode, key: string): number {
  const first = field.args.find((arg) => arg.name === 'first');
  if (!first) return FIELD_SIZES[key]?.items ?? UNBOUNDED_LIST_ITEMS;
  const given = node.arguments?.find((arg) => arg.name.value === 'first')?.value;
  if (!given) return typeof first.defaultValue === 'number' ? first.defaultValue : MAX_PAGE_SIZE;
  return given.kind === Kind.INT ? Math.min(Number(given.value), MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
}

/**
 * The most bytes of JSON the answer to `selections` on `type` can take: each field's key and
 * its value at its largest, each list at its most rows. Fragments are all added, as if every
 * one applied: an estimate that can be too high, never too low for what FIELD_SIZES bounds.
 */
function largestAnswer(
  context: ValidationContext,
  selections: SelectionSetNode,
  type: GraphQLCompositeType,
  fragmentsInUse: Set<string>,
): number {
  const schema = context.getSchema();
  let bytes = 2;
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FIELD) {
      bytes += largestField(context, selection, type, fragmentsInUse);
      continue;
    }
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection
        : context.getFragment(selection.name.value);
    // A fragment spread inside itself is NoFragmentCyclesRule's to report.
    const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : null;
    if (!fragment || (name && fragmentsInUse.has(name))) continue;
    const on = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
    if (!isCompositeType(on)) continue;
    if (name) fragmentsInUse.add(name);
    bytes += largestAnswer(context, fragment.selectionSet, on, fragmentsInUse) - 2;
    if (name) fragmentsInUse.delete(name);
  }
  return bytes;
}

function largestField(
  context: ValidationContext,
  node: FieldNode,
  parent: GraphQLCompositeType,
  fragmentsInUse: Set<string>,
): number {
  const keyBytes = (node.alias ?? node.name).value.length + 4;
  // Apollo Client adds __typename to every selection: the longest name it can take.
  if (node.name.value === '__typename') {
    const types = isAbstractType(parent) ? context.getSchema().getPossibleTypes(parent) : [parent];
    return keyBytes + 2 + Math.max(...types.map((type) => type.name.length));
  }
  // Introspection is bounded by the schema; unknown fields are FieldsOnCorrectTypeRule's.
  const field = isUnionType(parent) ? undefined : parent.getFields()[node.name.value];
  if (node.name.value.startsWith('__') || !field) return keyBytes + SHORT_FIELD_BYTES;
  const key = `${parent.name}.${field.name}`;
  const type = getNamedType(field.type);
  const value =
    node.selectionSet && isCompositeType(type)
      ? largestAnswer(context, node.selectionSet, type, fragmentsInUse)
      : (FIELD_SIZES[key]?.bytes ?? SHORT_FIELD_BYTES);
  if (!isListType(getNullableType(field.type))) return keyBytes + value;
  const list = listItems(field, node, key) * (value + 1);
  return keyBytes + Math.min(list, FIELD_SIZES[key]?.listBytes ?? list);
}

/** Refuses, before anything runs, an operation whose answer could exceed `maxBytes`. */
function responseSizeRule(maxBytes: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const root = context.getSchema().getRootType(operation.operation);
      if (!root) return;
      const bytes = largestAnswer(context, operation.selectionSet, root, new Set());
      if (bytes <= maxBytes) return;
      const refusal = responseTooLarge(
        `The answer to this operation could reach ${inBytes(bytes)}, over the limit of ${inBytes(maxBytes)}.`,
      );
      context.reportError(new GraphQLError(refusal.message, { originalError: refusal }));
    },
  });
}

// The rules' own errors begin "Syntax Error:" and stop validation by throwing; reporting
// instead keeps graphql-js's error list, and Apollo and graphql-ws answer it as usual.
const report = (context: ValidationContext | null, error: GraphQLError): void =>
  context?.reportError(
    new GraphQLError(
      `${error.message.replace(/^Syntax Error: /, '')} Ask for less in one operation.`,
    ),
  );
const onRejection = { exposeLimits: true, propagateOnRejection: false, onReject: [report] };

/** Apollo's `validationRules`; `parseWithinLimits` validates with them too. */
export function queryLimitRules(responseMaxBytes: number): ValidationRule[] {
  return [
    maxDepthRule({ n: QUERY_LIMITS.depth, ...onRejection }),
    maxAliasesRule({ n: QUERY_LIMITS.aliases, ...onRejection }),
    maxDirectivesRule({ n: QUERY_LIMITS.directives, ...onRejection }),
    responseSizeRule(responseMaxBytes),
  ];
}

/**
 * Parses and validates a document as Apollo does, with the limits above: for transports
 * that do not run Apollo's pipeline (graphql-ws).
 */
export function parseWithinLimits(
  schema: GraphQLSchema,
  query: string,
  responseMaxBytes: number,
): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(query, queryParseOptions);
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
  const errors = validate(schema, document, [
    ...specifiedRules,
    ...queryLimitRules(responseMaxBytes),
  ]);
  return errors.length > 0 ? { errors } : { document };
}
