// The baselines, in a child process of their own so that they do not share a core's time
// with the load generator, as the product does not: node:http + pg serving the rows that B1
// and B2 read, a raw `ws` broadcast (B5), and the loopback HTTPS peer of B4.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { WebSocketServer } from 'ws';
import {
  isToBaselines,
  type FromBaselines,
  type SecretRequest,
  type SecretsRequest,
} from './protocol';

const DAY_MS = 86_400_000;
/** The product's widest default warning window (EXPIRY_WARNING_DAYS=30,7,1). */
const WARNING_DAYS = 30;

interface SecretRow {
  id: string;
  kind: 'INTEGRATION' | 'WEBHOOK';
  name: string;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const status = (row: SecretRow, now = Date.now()) =>
  row.revoked_at
    ? 'REVOKED'
    : !row.expires_at
      ? 'ACTIVE'
      : row.expires_at.getTime() <= now
        ? 'EXPIRED'
        : row.expires_at.getTime() <= now + WARNING_DAYS * DAY_MS
          ? 'EXPIRING'
          : 'ACTIVE';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

// The product's own pool size (apps/server/src/db/data-source.ts), for a like-for-like contest.
const pool = new Pool({ connectionString: required('DATABASE_URL'), max: 20 });

/** B1: the same metadata that the product's `secret(id)` query selects. */
async function secret({ id }: SecretRequest) {
  const { rows } = await pool.query<
    SecretRow & {
      description: string | null;
      created_at: Date;
      updated_at: Date;
      value_updated_at: Date;
      value_version: number;
      last_used_at: Date | null;
      allowed_hosts: string[];
    }
  >(
    `SELECT id, kind, name, description, expires_at, revoked_at, created_at, updated_at,
            value_updated_at, value_version, last_used_at, allowed_hosts
     FROM secrets WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  return {
    data: {
      secret: row && {
        id: row.id,
        kind: row.kind,
        name: row.name,
        description: row.description,
        status: status(row),
        expiresAt: iso(row.expires_at),
        revokedAt: iso(row.revoked_at),
        createdAt: iso(row.created_at),
        updatedAt: iso(row.updated_at),
        valueUpdatedAt: iso(row.value_updated_at),
        valueVersion: row.value_version,
        lastUsedAt: iso(row.last_used_at),
        reference: row.kind === 'WEBHOOK' ? `{secret:${row.name}}` : null,
        allowedHosts: row.allowed_hosts,
      },
    },
  };
}

/** B2: the first page in the product's order, each row with its creator and dependents. */
async function secrets({ first }: SecretsRequest) {
  const page = await pool.query<
    SecretRow & {
      user_id: string | null;
      email: string | null;
      connections: { __typename: 'Connection'; id: string; name: string }[];
      workflows: { __typename: 'Workflow'; id: string; name: string }[];
    }
  >(
    `SELECT s.id, s.kind, s.name, s.expires_at, s.revoked_at, u.id AS user_id, u.email,
       COALESCE((SELECT json_agg(json_build_object('__typename', 'Connection', 'id', c.id, 'name', c.name) ORDER BY c.name)
                 FROM connections c WHERE c.secret_id = s.id), '[]') AS connections,
       CASE WHEN s.kind = 'WEBHOOK' THEN
         COALESCE((SELECT json_agg(json_build_object('__typename', 'Workflow', 'id', w.id, 'name', w.name) ORDER BY w.name)
                   FROM workflows w
                   WHERE EXISTS (SELECT 1 FROM workflow_steps st
                                 WHERE st.workflow_id = w.id AND st.secret_names @> ARRAY[s.name])), '[]')
       ELSE '[]' END AS workflows
     FROM secrets s LEFT JOIN users u ON u.id = s.created_by_id
     ORDER BY lower(s.name), s.id
     LIMIT $1`,
    [first + 1],
  );
  const count = await pool.query<{ total: number }>('SELECT count(*)::int AS total FROM secrets');
  const nodes = page.rows.slice(0, first);
  const last = nodes.at(-1);
  return {
    data: {
      secrets: {
        totalCount: count.rows[0]?.total ?? 0,
        nodes: nodes.map((row) => ({
          id: row.id,
          kind: row.kind,
          name: row.name,
          status: status(row),
          expiresAt: iso(row.expires_at),
          createdBy: row.user_id ? { id: row.user_id, email: row.email } : null,
          dependents: [...row.connections, ...row.workflows],
        })),
        pageInfo: {
          endCursor: last
            ? Buffer.from(JSON.stringify([last.name.toLowerCase(), last.id])).toString('base64url')
            : null,
          hasNextPage: page.rows.length > first,
        },
      },
    },
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk as Uint8Array));
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const isSecretRequest = (body: unknown): body is SecretRequest =>
  typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string';
const isSecretsRequest = (body: unknown): body is SecretsRequest =>
  typeof body === 'object' && body !== null && 'first' in body && typeof body.first === 'number';

async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readJson(request);
  const result =
    request.url === '/secret' && isSecretRequest(body)
      ? await secret(body)
      : request.url === '/secrets' && isSecretsRequest(body)
        ? await secrets(body)
        : null;
  if (!result) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
}

const listen = (server: {
  listen(port: number, host: string, done: () => void): unknown;
  address(): AddressInfo | string | null;
}) =>
  new Promise<number>((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done(typeof address === 'object' && address ? address.port : 0);
    }),
  );

async function main(): Promise<void> {
  const send = (message: FromBaselines) => process.send?.(message);

  const http = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  http.keepAliveTimeout = 60_000;

  const ws = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((done) => ws.once('listening', done));

  const peer = createHttpsServer(
    {
      key: await readFile(required('BENCH_TLS_KEY_FILE')),
      cert: await readFile(required('BENCH_TLS_CERT_FILE')),
    },
    (request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    },
  );
  peer.keepAliveTimeout = 60_000;

  process.on('message', (message: unknown) => {
    if (!isToBaselines(message)) return;
    for (const client of ws.clients) client.send(message.message);
    send({ type: 'broadcast-sent', clients: ws.clients.size });
  });
  process.on('disconnect', () => process.exit(0));

  const address = ws.address();
  send({
    type: 'ready',
    httpPort: await listen(http),
    wsPort: typeof address === 'object' && address ? address.port : 0,
    peerPort: await listen(peer),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`baselines: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
