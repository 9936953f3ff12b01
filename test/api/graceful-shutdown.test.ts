import { createServer, request, Agent, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { print } from 'graphql';
import { launch, waitForUrl } from '../support/child-server';
import { createTestDatabase } from '../support/database';
import { createWorkflow } from '../support/factories';
import { EXPIRY_WARNINGS } from '../support/live';
import { CreateSecretMutation, RunWorkflowMutation } from '../support/operations';
import { newMasterKey, startTestServer, type TestServer } from '../support/server';
import { subscribe, waitFor } from '../support/ws';

/** An HTTP peer on loopback that holds every request until `release()`. */
async function holdingPeer(): Promise<{
  url: string;
  held: () => number;
  release(): void;
  close(): Promise<void>;
}> {
  const waiting: (() => void)[] = [];
  let held = 0;
  const peer: Server = createServer((req, res) => {
    held += 1;
    req.resume();
    waiting.push(() => res.end('ok'));
  });
  await new Promise<void>((done) => peer.listen(0, '127.0.0.1', done));
  const { port } = peer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    held: () => held,
    release: () => waiting.splice(0).forEach((answer) => answer()),
    close: () => new Promise((done) => peer.close(() => done())),
  };
}

/** One request over `agent`; the answer with its body and the socket it came over. */
function send(
  url: string,
  agent: Agent,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ response: IncomingMessage; body: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent, method: init.method ?? 'GET', headers: init.headers });
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ response, body, socket: outgoing.socket as Socket }));
    });
    outgoing.end(init.body);
  });
}

const refused = (url: string) =>
  fetch(`${url}/healthz`).then(
    () => false,
    () => true,
  );

describe('O1/O2 a stopping replica', () => {
  let server: TestServer;
  let admin: { cookie: string };
  beforeAll(async () => {
    server = await startTestServer({ env: { SHUTDOWN_DELAY_MS: '500' } });
    admin = await server.login();
  });
  afterAll(async () => {
    await server.database.drop();
  });

  it('is unready at once, finishes what it holds with Connection: close, closes idle connections and WebSockets with 1001, then stops accepting', async () => {
    const peer = await holdingPeer();
    const busy = new Agent({ keepAlive: true, maxSockets: 1 });
    const idle = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const workflow = await createWorkflow({ server, admin }, [
        { name: 'slow', method: 'POST', url: peer.url, body: 'x' },
      ]);
      // A kept-alive connection that is idle when the stop begins.
      const first = await send(`${server.url}/healthz`, idle);
      expect(first.response.headers.connection).toBe('keep-alive');
      let idleClosed = false;
      first.socket.once('close', () => (idleClosed = true));
      const subscription = await subscribe(server, EXPIRY_WARNINGS, {}, admin);
      // A request in flight: its workflow step waits on the peer.
      const running = send(`${server.url}/graphql`, busy, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: admin.cookie },
        body: JSON.stringify({ query: print(RunWorkflowMutation), variables: { id: workflow.id } }),
      });
      await waitFor(() => peer.held() === 1, 'the step to reach the peer');

      const closed = server.close();
      // SHUTDOWN_DELAY_MS: still listening, but no longer ready; liveness stays.
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('connection')).toBe('close');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      await waitFor(() => subscription.closeCode() !== undefined, 'the WebSocket to close');
      expect(subscription.closeCode()).toBe(1001);
      await waitFor(() => idleClosed, 'the idle connection to close');
      await waitFor(() => refused(server.url), 'the listener to close');

      peer.release();
      const answer = await running;
      expect(answer.response.statusCode).toBe(200);
      expect(answer.response.headers.connection).toBe('close');
      const body = JSON.parse(answer.body) as { data?: { runWorkflow?: { status?: string } } };
      expect(body.data?.runWorkflow?.status).toBe('SUCCEEDED');
      await closed;
      await subscription.dispose();
    } finally {
      busy.destroy();
      idle.destroy();
      peer.release();
      await peer.close();
    }
  });
});

// The property nginx's retry of mutations rests on (deploy/nginx.conf), for a request whose
// headers were under way when the stop began.
describe('O2 a request read after the listener closed', () => {
  it('is dropped unread, so that a proxy may send it elsewhere: no answer, no effect', async () => {
    const database = await createTestDatabase();
    const server = await startTestServer({ database });
    const { cookie } = await server.login();
    const name = `dropped_${Date.now()}`;
    const body = JSON.stringify({
      query: print(CreateSecretMutation),
      variables: { input: { kind: 'WEBHOOK', name, value: 'never-stored' } },
    });
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    const ended = new Promise((done) => socket.once('close', done));
    try {
      // A request under way on a connection accepted before the stop: its headers are not
      // complete yet, so the connection is not idle and stays open.
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Cookie: ${cookie}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`,
      );
      await sleep(300); // for the server to read them
      const closed = server.close();
      await waitFor(() => refused(server.url), 'the listener to close');
      socket.end(`\r\n${body}`);
      await ended;
      await closed;
      expect(answer).toBe('');
      const restarted = await startTestServer({ database });
      try {
        const rows: unknown[] = await restarted.dataSource.query(
          'SELECT 1 FROM secrets WHERE name = $1',
          [name],
        );
        expect(rows).toEqual([]);
      } finally {
        await restarted.close();
      }
    } finally {
      socket.destroy();
      await database.drop();
    }
  });
});

describe('O1 SIGTERM', () => {
  it('makes /readyz 503 at once, and the process exits 0', async () => {
    const database = await createTestDatabase();
    const { child, output, exited } = launch({
      DATABASE_URL: database.url,
      PORT: '0',
      SECRETS_MASTER_KEY: newMasterKey(),
      SERVE_WEB: 'false',
      SHUTDOWN_DELAY_MS: '3000',
    });
    try {
      const url = await waitForUrl(output, exited);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      child.kill('SIGTERM');
      await waitFor(() => output().includes('shutting down'), 'the signal to be handled');
      expect((await fetch(`${url}/readyz`)).status).toBe(503);
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await database.drop();
    }
  });
});
