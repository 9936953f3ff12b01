/** The constraint named by a PostgreSQL unique violation (SQLSTATE 23505), else null. */
export function uniqueViolation(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== '23505') {
    return null;
  }
  return 'constraint' in error ? String(error.constraint) : '';
}

/**
 * SQLSTATE 22021: text that PostgreSQL cannot store, which from valid JSON input can only be
 * the NUL character (U+0000). The statement fails before anything is written.
 */
export const isUnstorableText = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === '22021';

export const isUuid = (id: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
