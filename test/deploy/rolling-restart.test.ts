// O2: nginx (deploy/nginx.conf) in front of two replicas on one database; each replica is
// restarted in turn, the way SIGTERM stops it (RunningServer.close), while clients send reads,
// createSecret and workflow runs through nginx and a subscriber listens for expiry reminders.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { EXPIRY_WARNINGS, type ExpiryWarningEvent } from '../support/live';
import { uniqueName } from '../support/names';
import {
  CreateSecretMutation,
  CreateWorkflowMutation,
  NotificationsQuery,
  RunWorkflowMutation,
  SecretsQuery,
} from '../support/operations';
import {
  graphqlRequest,
  logIn,
  newMasterKey,
  startTestServer,
  type GraphQLResult,
  type TestServer,
} from '../support/server';
import { waitFor } from '../support/ws';

const NGINX = '/usr/sbin/nginx';
/** How long the clients keep sending; each replica is restarted once meanwhile. */
const LOAD_MS = 16_000;
const CLIENTS = 4;
/** Reminders raised during the run, one every REMINDER_EVERY_MS: their secrets expire within a day. */
const MAX_REMINDERS = 60;
const REMINDER_EVERY_MS = LOAD_MS / MAX_REMINDERS;

jest.setTimeout(120_000);

async function freePort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}

function replaceOnce(text: string, from: string, to: string): string {
  if (text.split(from).length !== 2) throw new Error(`deploy/nginx.conf: expected one "${from}"`);
  return text.replace(from, to);
}

/** deploy/nginx.conf with loopback addresses, the test certificate and paths under `dir`. */
function nginxConfig(dir: string, ports: { http: number; https: number }, replicas: number[]) {
  const cert = process.env.TEST_TLS_CERT;
  const key = process.env.TEST_TLS_KEY;
  if (!cert || !key) throw new Error('TEST_TLS_CERT and TEST_TLS_KEY come from global-setup.ts');
  let conf = readFileSync(resolve(__dirname, '../../deploy/nginx.conf'), 'utf8');
  conf = replaceOnce(conf, 'server replica-1:4000', `server 127.0.0.1:${replicas[0]}`);
  conf = replaceOnce(conf, 'server replica-2:4000', `server 127.0.0.1:${replicas[1]}`);
  conf = replaceOnce(conf, 'listen 80;', `listen 127.0.0.1:${ports.http};`);
  conf = replaceOnce(conf, 'listen 443 ssl;', `listen 127.0.0.1:${ports.https} ssl;`);
  conf = replaceOnce(conf, '/etc/nginx/tls/fullchain.pem', cert);
  conf = replaceOnce(conf, '/etc/nginx/tls/privkey.pem', key);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path ${dir}/${kind};`)
    .join('\n');
  conf = replaceOnce(conf, 'http {', `http {\n  access_log ${dir}/access.log;\n${temp}`);
  // Run by root (CI), the workers would otherwise switch to a user that cannot enter `dir`.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${user}pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\n${conf}`;
}

/** An HTTP peer on loopback for the workflow's step: answers at once, counts requests. */
async function countingPeer(): Promise<{ url: string; count: () => number; server: Server }> {
  let count = 0;
  const server = createServer((req, res) => {
    count += 1;
    req.resume();
    res.end('ok');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, count: () => count, server };
}

describe('O2 rolling restart behind nginx', () => {
  let database: TestDatabase;
  let dir: string;
  let nginx: ChildProcess | undefined;
  let nginxOutput = '';
  const replicas: TestServer[] = [];

  afterAll(async () => {
    nginx?.kill('SIGQUIT');
    await Promise.all(replicas.map((replica) => replica.close()));
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loses no request, writes everything once and delivers every reminder to a subscriber that reconnected', async () => {
    if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install nginx-light`);
    database = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'secrets-nginx-'));
    const ports = { http: await freePort(), https: await freePort() };
    const origin = `https://127.0.0.1:${ports.https}`;
    const masterKey = newMasterKey();
    const startReplica = (port: number) =>
      startTestServer({
        database,
        env: {
          PORT: String(port),
          SECRETS_MASTER_KEY: masterKey,
          TRUSTED_PROXIES: '127.0.0.1/32',
          PUBLIC_ORIGIN: origin,
          EXPIRY_SCAN_INTERVAL_MS: '300',
          LOG_LEVEL: 'warn',
        },
      });
    replicas.push(await startReplica(0));
    replicas.push(await startReplica(0));
    const replicaPorts = replicas.map((replica) => Number(new URL(replica.url).port));

    await writeFile(join(dir, 'nginx.conf'), nginxConfig(dir, ports, replicaPorts));
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    nginx.stdout?.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
    nginx.stderr?.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
    await waitFor(
      () =>
        fetch(`${origin}/healthz`).then(
          (response) => response.ok,
          () => false,
        ),
      `nginx to serve (${nginxOutput})`,
    );
    // Over the plain port, nginx only redirects to HTTPS.
    const plain = await fetch(`http://127.0.0.1:${ports.http}/healthz`, { redirect: 'manual' });
    expect(plain.status).toBe(301);

    const admin = await logIn(origin);
    const peer = await countingPeer();
    const { createWorkflow: workflow } = await mutate(
      graphqlRequest(
        origin,
        CreateWorkflowMutation,
        {
          input: {
            name: uniqueName('flow'),
            steps: [{ name: 'ping', method: 'POST', url: peer.url }],
          },
        },
        admin,
      ),
    );

    // The subscriber: reconnects with backoff and, once reconnected, fetches what it missed.
    const pushed: string[] = [];
    const fetched = new Set<string>();
    let connections = 0;
    const catchUp = async () => {
      const result = await graphqlRequest(origin, NotificationsQuery, { first: 100 }, admin);
      for (const notification of result.data?.notifications ?? []) fetched.add(notification.id);
    };
    const subscriber: WsClient = createClient({
      url: `${origin.replace('https', 'wss')}/graphql`,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: () => sleep(100),
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie: admin.cookie, origin } });
        }
      },
      on: {
        connected: () => {
          connections += 1;
          // Once now, and once more after the new subscription is surely attached.
          if (connections > 1)
            void catchUp()
              .then(() => sleep(1_000))
              .then(catchUp);
        },
      },
    });
    const subscribed = new Promise<void>((ready) => {
      subscriber.subscribe<ExpiryWarningEvent>(
        { query: EXPIRY_WARNINGS },
        {
          next: ({ data }) => {
            if (data) pushed.push(data.expiryWarnings.id);
          },
          error: (error) => {
            throw error instanceof Error ? error : new Error(JSON.stringify(error));
          },
          complete: () => undefined,
        },
      );
      void waitFor(
        () => replicas.some((replica) => replica.fanOut.stats().open > 0),
        'the subscription',
      ).then(ready);
    });
    await subscribed;

    // The load.
    const failures: string[] = [];
    const created: string[] = [];
    let expiring = 0;
    let nextReminder = Date.now();
    let runs = 0;
    let requests = 0;
    const record = <T>(label: string, result: GraphQLResult<T>) => {
      requests += 1;
      if (result.status !== 200 || result.errors || !result.data)
        failures.push(`${label}: ${result.status} ${JSON.stringify(result.errors)}`);
      return result;
    };
    const until = Date.now() + LOAD_MS;
    const client = async (index: number) => {
      for (let round = 0; Date.now() < until; round++) {
        try {
          record('secrets', await graphqlRequest(origin, SecretsQuery, { first: 20 }, admin));
          const name = uniqueName(`load${index}`);
          const expires = Date.now() >= nextReminder && expiring < MAX_REMINDERS;
          if (expires) {
            expiring += 1;
            nextReminder += REMINDER_EVERY_MS;
          }
          const secret = record(
            'createSecret',
            await graphqlRequest(
              origin,
              CreateSecretMutation,
              {
                input: {
                  kind: 'WEBHOOK',
                  name,
                  value: `value-${name}`,
                  expiresAt: expires ? new Date(Date.now() + 12 * 3_600_000).toISOString() : null,
                },
              },
              admin,
            ),
          );
          if (secret.data) created.push(name);
          if (round % 4 === 0) {
            const run = record(
              'runWorkflow',
              await graphqlRequest(origin, RunWorkflowMutation, { id: workflow.id }, admin),
            );
            if (run.data) runs += 1;
          }
        } catch (error) {
          failures.push(`network: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)));

    // Each replica in turn: stopped as SIGTERM stops it, then started on the same port.
    const restarted: number[] = [];
    for (const index of [0, 1]) {
      await sleep(3_000);
      await replicas[index]?.close();
      replicas[index] = await startReplica(replicaPorts[index] ?? 0);
      restarted.push(index);
    }
    await load;
    expect(restarted).toEqual([0, 1]);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(100);
    expect(connections).toBeGreaterThanOrEqual(2);

    const sql = new Client({ connectionString: database.url });
    await sql.connect();
    try {
      // Every secret created is there once, and nothing else was created.
      const { rows } = await sql.query<{ name: string }>(
        `SELECT name FROM secrets WHERE name LIKE 'load%'`,
      );
      expect(rows.map((row) => row.name).sort()).toEqual([...created].sort());
      // Every run answered is recorded once, and its step was sent once.
      const runRows = await sql.query<{ count: string }>(
        'SELECT count(*) FROM workflow_runs WHERE workflow_id = $1',
        [workflow.id],
      );
      expect(Number(runRows.rows[0]?.count)).toBe(runs);
      expect(peer.count()).toBe(runs);

      // Every reminder raised reached the subscriber once: pushed, or fetched on reconnect.
      const raised = async () =>
        (await sql.query<{ id: string }>('SELECT id FROM notifications')).rows.map((row) => row.id);
      await waitFor(async () => (await raised()).length === expiring, 'every reminder');
      const ids = await raised();
      await waitFor(
        () => ids.every((id) => pushed.includes(id) || fetched.has(id)),
        'the subscriber to have every reminder',
      );
      expect(new Set(pushed).size).toBe(pushed.length);
    } finally {
      await sql.end();
      await subscriber.dispose();
      await new Promise((done) => peer.server.close(done));
    }
  });
});

async function mutate<T>(request: Promise<GraphQLResult<T>>): Promise<T> {
  const result = await request;
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}
