import {
  defaultFieldResolver,
  isObjectType,
  type FormattedExecutionResult,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { AppError } from '../common/errors';

export const inBytes = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;

export const responseTooLarge = (why: string): AppError =>
  new AppError(
    'RESPONSE_TOO_LARGE',
    `${why} Ask for fewer rows (a smaller first) or fewer large fields in one operation.`,
  );

/**
 * The bytes one answer has used so far (HTTP request, or a query over the WebSocket). The
 * size rule of query-limits.ts refuses what the document shows; this stops what only the
 * data shows (more rows than a list was counted at), before the answer is serialised.
 */
export class ResponseBudget {
  private used = 0;
  private exceeded = false;

  constructor(readonly maxBytes: number) {}

  get isExceeded(): boolean {
    return this.exceeded;
  }

  /** Once over, every later field fails at once, so the rest of the query does no work. */
  check(): void {
    if (!this.exceeded) return;
    throw responseTooLarge(`The answer grew past the limit of ${inBytes(this.maxBytes)}.`);
  }

  spend(bytes: number): void {
    this.used += bytes;
    if (this.used > this.maxBytes) this.exceeded = true;
    this.check();
  }
}

const budgetOf = (context: unknown): ResponseBudget | undefined =>
  typeof context === 'object' && context && 'responseBudget' in context
    ? (context.responseBudget as ResponseBudget | undefined)
    : undefined;

/**
 * The UTF-8 bytes of JSON.stringify(text), counted without making that string: every field
 * of every answer passes here, and the copies were a tenth of a list's garbage (issue 13).
 */
export function jsonStringBytes(text: string): number {
  let bytes = 2; // the quotes
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22 || code === 0x5c)
      bytes += 2; // \" and \\
    else if (code < 0x20)
      bytes +=
        code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d ? 2 : 6;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4; // a pair: one four-byte character
        index++;
      } else bytes += 6; // a lone surrogate is escaped as \uXXXX
    } else if (code >= 0xdc00 && code <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

/** What a resolved value adds to the JSON answer: its key, and its text as serialised. */
function jsonBytes(info: GraphQLResolveInfo, value: unknown): number {
  const key = (info.fieldNodes[0]?.alias ?? info.fieldNodes[0]?.name)?.value.length ?? 0;
  if (typeof value === 'string') return key + 4 + jsonStringBytes(value);
  if (Array.isArray(value)) return key + 4 + value.length;
  return key + 32;
}

const isPromise = (value: unknown): value is Promise<unknown> => value instanceof Promise;

/**
 * Counts every field of every answer against its context's `responseBudget` as it is
 * resolved (a context without one, e.g. a subscription event, is not counted). Changes the
 * schema's resolvers in place, once, at start.
 */
export function countResponseBytes(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const budget = budgetOf(context);
        if (!budget) return resolve(source, args, context, info);
        budget.check();
        const value: unknown = resolve(source, args, context, info);
        if (isPromise(value)) {
          return value.then((resolved) => {
            budget.spend(jsonBytes(info, resolved));
            return resolved;
          });
        }
        // No closure for a value at hand: a page of 50 secrets resolves about 1,000 fields.
        budget.spend(jsonBytes(info, value));
        return value;
      };
    }
  }
  return schema;
}

/**
 * An answer stopped by its budget is one RESPONSE_TOO_LARGE error and no data, instead of
 * the part read so far and one error per field that was cut off.
 */
export function withinBudget(
  result: FormattedExecutionResult,
  context: unknown,
): FormattedExecutionResult {
  const budget = budgetOf(context);
  if (!budget?.isExceeded) return result;
  const error = result.errors?.find((e) => e.extensions?.code === 'RESPONSE_TOO_LARGE');
  return { ...result, data: null, errors: error ? [error] : result.errors };
}
