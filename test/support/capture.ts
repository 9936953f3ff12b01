// Recorders of everything a server lets out, for the leak tests: HTTP responses, raw
// WebSocket frames, NOTIFY payloads and the rows of every table.
import { Client } from 'pg';
import WebSocket from 'ws';

export interface Captured {
  source: string;
  text: string;
}

/**
 * Replaces the global fetch, which the test server's helpers use, by one that records every
 * response's status, headers and body. Call the returned function to put fetch back.
 */
export function recordFetchResponses(into: Captured[]): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const response = await original(input, init);
    const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
    into.push({
      source: `HTTP response ${into.length + 1}`,
      text: `${response.status}\n${headers}\n\n${await response.clone().text()}`,
    });
    return response;
  };
  return () => {
    globalThis.fetch = original;
  };
}

export interface RawSocket {
  /** Every frame the server sent, as received. */
  frames: string[];
  /** Sends a graphql-ws `subscribe` message. */
  subscribe(id: string, query: string, variables?: Record<string, unknown>): void;
  close(): Promise<void>;
}

/** A graphql-transport-ws connection without a client library, so that no frame is parsed away. */
export async function openRawSocket(
  url: string,
  credentials: { cookie: string },
): Promise<RawSocket> {
  const frames: string[] = [];
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
    headers: { cookie: credentials.cookie },
  });
  const acknowledged = new Promise<void>((resolve, reject) => {
    socket.on('message', (data: WebSocket.RawData) => {
      const text = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
      frames.push(text);
      if (text.includes('"connection_ack"')) resolve();
    });
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`socket closed with ${code}`)));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await acknowledged;
  return {
    frames,
    subscribe: (id, query, variables = {}) =>
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } })),
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close(1000);
      }),
  };
}

export interface NotifyRecorder {
  payloads: Captured[];
  close(): Promise<void>;
}

/** LISTENs on `channels` of the database at `url` and records every payload. */
export async function recordNotifications(
  url: string,
  channels: readonly string[],
): Promise<NotifyRecorder> {
  const payloads: Captured[] = [];
  const client = new Client({ connectionString: url });
  client.on('notification', (message) =>
    payloads.push({ source: `NOTIFY ${message.channel}`, text: message.payload ?? '' }),
  );
  // Dropping the test database ends this connection: not an error for the test.
  client.on('error', () => undefined);
  await client.connect();
  for (const channel of channels) await client.query(`LISTEN "${channel}"`);
  let closing: Promise<void> | undefined;
  return { payloads, close: () => (closing ??= client.end()) };
}

/** Every row of every table in the public schema, as PostgreSQL prints a row. */
export async function dumpTables(url: string): Promise<Captured[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const dumped: Captured[] = [];
    for (const { name } of tables.rows) {
      const rows = await client.query<{ row: string }>(
        `SELECT t::text AS row FROM "${name.replace(/"/g, '""')}" t`,
      );
      dumped.push({ source: `table ${name}`, text: rows.rows.map((r) => r.row).join('\n') });
    }
    return dumped;
  } finally {
    await client.end();
  }
}
