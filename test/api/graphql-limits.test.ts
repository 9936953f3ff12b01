import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildSchema,
  Kind,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type GraphQLFormattedError,
} from 'graphql';
import { serverAudits } from 'graphql-http';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import * as adminOperations from '../../apps/web/src/admin/graphql';
import * as authOperations from '../../apps/web/src/auth/graphql';
import * as connectionOperations from '../../apps/web/src/connections/graphql';
import * as notificationOperations from '../../apps/web/src/notifications/graphql';
import * as secretOperations from '../../apps/web/src/secrets/graphql';
import * as workflowOperations from '../../apps/web/src/workflows/graphql';
import { DEFAULT_RESPONSE_MAX_BYTES } from '../../apps/server/src/config';
import { parseWithinLimits, QUERY_LIMITS } from '../../apps/server/src/graphql/query-limits';
import { uniqueName } from '../support/names';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ cookie } = await server.login());
});
afterAll(() => server.stop());

interface Answer {
  status?: number;
  errors: GraphQLFormattedError[];
  /** The whole response (body or WebSocket frames), to search for echoed input. */
  text: string;
}

async function overHttp(query: string): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { errors?: GraphQLFormattedError[] };
  return { status: response.status, errors: body.errors ?? [], text };
}

// graphql-ws hands the `error` message's payload over as is: the formatted errors.
const isErrorList = (value: unknown): value is GraphQLFormattedError[] => Array.isArray(value);

/** One operation over graphql-ws; the server's `error` message resolves it too. */
async function overWebSocket(query: string): Promise<Answer> {
  const frames: string[] = [];
  const client = createClient({
    url: `${server.url.replace(/^http/, 'ws')}/graphql`,
    retryAttempts: 0,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie } });
        this.on('message', (data: Buffer) => frames.push(data.toString('utf8')));
      }
    },
  });
  try {
    const errors = await new Promise<GraphQLFormattedError[]>((done, fail) => {
      let received: GraphQLFormattedError[] = [];
      client.subscribe(
        { query },
        {
          next: (value) => (received = [...(value.errors ?? [])]),
          error: (error: unknown) =>
            isErrorList(error)
              ? done(error)
              : fail(new Error(`the WebSocket failed: ${String(error)}`)),
          complete: () => done(received),
        },
      );
    });
    return { errors, text: frames.join('\n') };
  } finally {
    await client.dispose();
  }
}

const secretCount = async (): Promise<number> => {
  const rows: { count: string }[] = await server.dataSource.query('SELECT count(*) FROM secrets');
  return Number(rows[0]?.count);
};

const CANARY = 'canary-value-5e1d07';
const createSecrets = (count: number): string =>
  `mutation { ${Array.from(
    { length: count },
    (_, i) =>
      `s${i}: createSecret(input: { kind: WEBHOOK, name: "${uniqueName()}", value: "${CANARY}" }) { id }`,
  ).join(' ')} }`;

// Inline fragments count as a level each, so this nests as deep as asked on any type.
const deep = (depth: number): string =>
  `{ me { ${'... on User { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} } }`;

const overLimit: [limit: string, query: string, message: RegExp, code: string][] = [
  [
    'depth',
    deep(QUERY_LIMITS.depth + 1),
    /^Query depth limit of 10 exceeded, found 11\./,
    'BAD_USER_INPUT',
  ],
  [
    'aliases',
    createSecrets(QUERY_LIMITS.aliases + 1),
    /^Aliases limit of 15 exceeded, found 16\./,
    'BAD_USER_INPUT',
  ],
  [
    'directives',
    `{ me { ${'id @include(if: true) '.repeat(QUERY_LIMITS.directives + 1)}} }`,
    /^Directives limit of 20 exceeded, found 21\./,
    'BAD_USER_INPUT',
  ],
  [
    'tokens',
    `{ me { ${'id '.repeat(QUERY_LIMITS.tokens)}} }`,
    /^Syntax Error: Document contains more tha[nt] 1000 tokens\./,
    'BAD_USER_INPUT',
  ],
  [
    'response size',
    '{ workflows { runs(first: 100) { workflow { runs(first: 100) { id } } } } }',
    /^The answer to this operation could reach [\d.]+ MiB, over the limit of 16\.0 MiB\./,
    'RESPONSE_TOO_LARGE',
  ],
];

/** The document as Apollo Client sends it: `__typename` in every selection set below the root. */
const withTypenames = (document: DocumentNode): DocumentNode =>
  visit(document, {
    SelectionSet(node, _key, parent) {
      const isRoot = parent && 'kind' in parent && parent.kind === Kind.OPERATION_DEFINITION;
      const hasTypename = node.selections.some(
        (selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename',
      );
      if (isRoot || hasTypename) return undefined;
      const typename: FieldNode = {
        kind: Kind.FIELD,
        name: { kind: Kind.NAME, value: '__typename' },
      };
      return { ...node, selections: [...node.selections, typename] };
    },
  });

describe('query limits', () => {
  it('let every operation of the SPA through', () => {
    const schema = buildSchema(
      readFileSync(resolve(__dirname, '../../packages/schema/schema.graphql'), 'utf8'),
    );
    // Every export of these modules is a typed document; fragments ride along in operations.
    const operations = [
      adminOperations,
      authOperations,
      connectionOperations,
      notificationOperations,
      secretOperations,
      workflowOperations,
    ]
      .flatMap((module): [string, DocumentNode][] => Object.entries(module))
      .filter(([, document]) =>
        document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION),
      );
    expect(operations.length).toBeGreaterThan(30);
    const refused = operations.flatMap(([name, document]) => {
      const sent = print(withTypenames(document));
      const result = parseWithinLimits(schema, sent, DEFAULT_RESPONSE_MAX_BYTES);
      return 'errors' in result
        ? [`${name}: ${result.errors.map((e) => e.message).join('; ')}`]
        : [];
    });
    expect(refused).toEqual([]);
  });

  it.each(overLimit)(
    'refuse an operation over the %s limit alike over HTTP and WebSocket, with a code, echoing no input',
    async (_limit, query, message, code) => {
      const before = await secretCount();
      const http = await overHttp(query);
      const ws = await overWebSocket(query);
      expect(http.status).toBe(400);
      for (const answer of [http, ws]) {
        expect(answer.errors).toHaveLength(1);
        expect(answer.errors[0]?.message).toMatch(message);
        expect(answer.errors[0]?.extensions).toEqual({ code });
        expect(answer.text).not.toContain(CANARY);
      }
      expect(ws.errors.map((error) => error.message)).toEqual(
        http.errors.map((error) => error.message),
      );
      expect(await secretCount()).toBe(before);
    },
  );

  it('let an operation at the limits through on both transports', async () => {
    const query = deep(QUERY_LIMITS.depth);
    const expected = { errors: [] };
    expect(await overHttp(query)).toMatchObject({ status: 200, ...expected });
    expect(await overWebSocket(query)).toMatchObject(expected);
  });
});

describe('HTTP transport', () => {
  it('refuses a batch (a JSON array) and runs none of it', async () => {
    const before = await secretCount();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify([{ query: createSecrets(1) }, { query: '{ me { id } }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batching/i);
    expect(await secretCount()).toBe(before);
  });

  it("passes every MUST of graphql-http's GraphQL-over-HTTP audit", async () => {
    const audits = serverAudits({
      url: `${server.url}/graphql`,
      fetchFn: (input: RequestInfo | URL, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        headers.set('cookie', cookie);
        return fetch(input, { ...init, headers });
      },
    });
    const must = audits.filter((audit) => audit.name.startsWith('MUST'));
    expect(must.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const audit of must) {
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${result.id} ${result.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});
