import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import { loadConfig } from '../../apps/server/src/config';
import { startServer, type RunningServer } from '../../apps/server/src/http/server';
import { createLogger } from '../../apps/server/src/logger';
import { createTestDatabase, type TestDatabase } from './database';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'correct horse battery staple';

export type Credentials = { cookie: string } | { token: string } | null;

export interface GraphQLResult<TData> {
  data?: TData | null;
  errors?: GraphQLFormattedError[];
  status: number;
  headers: Headers;
}

export interface TestServer extends RunningServer {
  database: TestDatabase;
  env: Record<string, string>;
  /** Every log line written so far, as JSON text. */
  logs(): string;
  /** Every line printed outside the log (the first-admin password). */
  printed: string[];
  request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    credentials?: Credentials,
  ): Promise<GraphQLResult<TData>>;
  /** `request` for an operation the test needs to succeed: its data, or a throw with the errors. */
  mutate<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    credentials?: Credentials,
  ): Promise<TData>;
  /** Logs in over HTTP and returns the session cookie. */
  login(email?: string, password?: string): Promise<{ cookie: string }>;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  clock?: () => Date;
  /** Reuse a database, e.g. to restart a server over the same data. */
  database?: TestDatabase;
}

export const newMasterKey = (): string => randomBytes(32).toString('base64');

/** Sends one operation over HTTP to the server at `url` (e.g. a server in another process). */
export async function graphqlRequest<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  credentials: Credentials = null,
): Promise<GraphQLResult<TData>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credentials && 'cookie' in credentials) headers.cookie = credentials.cookie;
  if (credentials && 'token' in credentials) headers.authorization = `Bearer ${credentials.token}`;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as {
    data?: TData | null;
    errors?: GraphQLFormattedError[];
  };
  return { ...body, status: response.status, headers: response.headers };
}

/** Logs in over HTTP to the server at `url` and returns the session cookie. */
export async function logIn(
  url: string,
  email = ADMIN_EMAIL,
  password = ADMIN_PASSWORD,
): Promise<{ cookie: string }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { expiresAt } }',
      variables: { email, password },
    }),
  });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('sid='));
  if (!cookie) throw new Error(`login failed: ${await response.text()}`);
  return { cookie: cookie.split(';')[0] ?? '' };
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    PORT: '0',
    SECRETS_MASTER_KEY: newMasterKey(),
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'trace',
    SERVE_WEB: 'false',
    // The tests' HTTPS peers listen on loopback, which outgoing requests may not reach otherwise.
    OUTBOUND_ALLOW_CIDRS: '127.0.0.0/8,::1/128',
    ...options.env,
  };
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const printed: string[] = [];
  const server = await startServer(loadConfig(env), {
    logger: createLogger(env.LOG_LEVEL ?? 'trace', sink),
    clock: options.clock,
    print: (line) => printed.push(line),
  });

  const request = <TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    credentials: Credentials = null,
  ) => graphqlRequest(server.url, document, variables, credentials);

  return {
    ...server,
    database,
    env,
    printed,
    logs: () => lines.join(''),
    request,
    async mutate(document, variables, credentials) {
      const result = await request(document, variables, credentials);
      if (!result.data) throw new Error(JSON.stringify(result.errors));
      return result.data;
    },
    login: (email, password) => logIn(server.url, email, password),
    async stop() {
      await server.close();
      if (!options.database) await database.drop();
    },
  };
}

/** The codes of a result's errors, for compact assertions. */
export const errorCodes = (result: { errors?: readonly GraphQLFormattedError[] }): unknown[] =>
  (result.errors ?? []).map((error) => error.extensions?.code);

/**
 * A server on a fresh database and its signed-in admin, for a test file or block: started
 * before its tests and stopped after them; read `server` and `admin` inside a test.
 */
export function useTestServer(options?: TestServerOptions): {
  readonly server: TestServer;
  readonly admin: { cookie: string };
} {
  let started: { server: TestServer; admin: { cookie: string } } | undefined;
  beforeAll(async () => {
    const server = await startTestServer(options);
    started = { server, admin: await server.login() };
  });
  afterAll(async () => {
    await started?.server.stop();
  });
  const get = () => {
    if (!started) throw new Error('The test server starts in beforeAll.');
    return started;
  };
  return {
    get server() {
      return get().server;
    },
    get admin() {
      return get().admin;
    },
  };
}
