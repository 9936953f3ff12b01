import type { DocumentNode, GraphQLSchema } from 'graphql';
import { parseWithinLimits } from './query-limits';

/**
 * graphql-ws parses and validates every subscribe message, and keeps the document for as
 * long as the subscription lives. Apollo's documentStore does this for HTTP; this is the
 * same for WebSockets: the 2,000 subscribers of one document share one parse, one
 * validation and one copy of it (about 8 KB each, B5). Least recently used documents go
 * first; a document that fails validation is not kept.
 */
export class DocumentCache {
  private readonly documents = new Map<string, DocumentNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly responseMaxBytes: number,
    private readonly capacity = 1000,
  ) {}

  parse(query: string): ReturnType<typeof parseWithinLimits> {
    const cached = this.documents.get(query);
    if (cached) {
      this.documents.delete(query);
      this.documents.set(query, cached);
      return { document: cached };
    }
    const parsed = parseWithinLimits(this.schema, query, this.responseMaxBytes);
    if ('document' in parsed) {
      this.documents.set(query, parsed.document);
      const oldest = this.documents.keys().next();
      if (this.documents.size > this.capacity && !oldest.done) this.documents.delete(oldest.value);
    }
    return parsed;
  }
}
