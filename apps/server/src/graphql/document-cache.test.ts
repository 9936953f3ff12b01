import 'reflect-metadata';
import { buildSchema } from 'graphql';
import { DocumentCache } from './document-cache';

const schema = buildSchema('type Query { a: Int, b: Int, c: Int }');
const documentOf = (result: ReturnType<DocumentCache['parse']>) =>
  'document' in result ? result.document : null;

describe('DocumentCache', () => {
  it('hands every caller of one query the same parsed document', () => {
    const cache = new DocumentCache(schema, 16 * 1024 * 1024);
    const first = documentOf(cache.parse('{ a }'));
    expect(first).not.toBeNull();
    expect(documentOf(cache.parse('{ a }'))).toBe(first);
    expect(documentOf(cache.parse('{ b }'))).not.toBe(first);
  });

  it('answers an invalid query with its errors every time, keeping nothing', () => {
    const cache = new DocumentCache(schema, 16 * 1024 * 1024);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = cache.parse('{ nope }');
      expect('errors' in result && result.errors.map((error) => error.message)).toEqual([
        'Cannot query field "nope" on type "Query".',
      ]);
    }
  });

  it('forgets the least recently used document beyond its capacity', () => {
    const cache = new DocumentCache(schema, 16 * 1024 * 1024, 2);
    const a = documentOf(cache.parse('{ a }'));
    const b = documentOf(cache.parse('{ b }'));
    expect(documentOf(cache.parse('{ a }'))).toBe(a); // a is now the most recent
    cache.parse('{ c }'); // evicts b
    expect(documentOf(cache.parse('{ a }'))).toBe(a);
    expect(documentOf(cache.parse('{ b }'))).not.toBe(b);
  });
});
