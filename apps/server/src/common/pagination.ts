import { Field, ObjectType } from 'type-graphql';
import { badInput } from './errors';

export const MAX_PAGE_SIZE = 100;

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor: string | null;

  @Field()
  hasNextPage: boolean;
}

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`, 'first');
  }
  return first;
}

/** Cursors are opaque to clients: base64url of the sort key of the last row. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((part) => typeof part === 'string')
    ) {
      return key;
    }
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

export const invalidCursor = () =>
  badInput('The cursor is not valid; start again without `after`.', 'after');

/** Fetches one row more than asked to learn whether another page follows. */
export function toPage<T>(rows: T[], first: number, cursorOf: (row: T) => readonly string[]) {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor(cursorOf(last)) : null,
    },
  };
}
