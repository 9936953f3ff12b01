// W8: a request goes only where its URL says. A step header `Host: evil.test` made undici take
// evil.test as the TLS server name and the name the certificate was checked against, so a
// secret restricted to one host reached another site behind the same front end, and
// `Host: {secret:x}` put the value into the cleartext SNI.
import {
  CreateConnectionMutation,
  CreateSecretMutation,
  CreateWorkflowMutation,
  RunWorkflowMutation,
  TestConnectionMutation,
  UpdateConnectionMutation,
  UpdateWorkflowMutation,
} from '../support/operations';
import { createSecret, createWorkflow } from '../support/factories';
import { startHttpsPeer, useHttpsPeer } from '../support/https-peer';
import { uniqueName } from '../support/names';
import { useTestServer } from '../support/server';
import type { HttpRequestStepInput } from '../../packages/schema/generated/graphql';

const https = useHttpsPeer();

const suite = useTestServer();

/** A webhook secret that may only go to `allowedHosts`. */
async function webhookSecret(value: string, allowedHosts: string[]) {
  return createSecret(suite, { kind: 'WEBHOOK', name: uniqueName('fenced'), value, allowedHosts });
}

const step = (url: string, headers: { name: string; value: string }[]): HttpRequestStepInput => ({
  name: 'call',
  method: 'GET',
  url,
  headers,
});

async function saveWorkflow(steps: HttpRequestStepInput[]): Promise<string> {
  const { id } = await createWorkflow(suite, steps, uniqueName('target'));
  return id;
}

async function runWorkflow(id: string) {
  const { runWorkflow: run } = await suite.server.mutate(RunWorkflowMutation, { id }, suite.admin);
  return run;
}

/** Every 4-character piece of `value` found in `text`: a partly masked value is still a leak. */
const piecesOf = (value: string, text: string): string[] =>
  Array.from({ length: value.length - 3 }, (_, at) => value.slice(at, at + 4)).filter((piece) =>
    text.includes(piece),
  );

/** What the database keeps of a run: its row and its steps' rows, as text. */
const storedRun = async (runId: string): Promise<string> =>
  JSON.stringify([
    await suite.server.dataSource.query('SELECT * FROM workflow_runs WHERE id = $1', [runId]),
    await suite.server.dataSource.query('SELECT * FROM step_runs WHERE run_id = $1', [runId]),
  ]);

const STEERING_HEADERS = [
  'Host',
  'host',
  'Connection',
  'Keep-Alive',
  'Proxy-Authorization',
  'proxy-connection',
  'TE',
  'Trailer',
  'Transfer-Encoding',
  'Upgrade',
  'Content-Length',
  ':authority',
];

describe('W8 step headers cannot steer the connection', () => {
  it.each(STEERING_HEADERS)(
    'refuses to save a step with a %s header, naming the field, changing nothing',
    async (name) => {
      const workflowName = uniqueName('steer');
      const created = await suite.server.request(
        CreateWorkflowMutation,
        {
          input: {
            name: workflowName,
            steps: [
              step(`${https.peer.url}/`, [
                { name: 'Accept', value: 'text/plain' },
                { name, value: 'evil.test' },
              ]),
            ],
          },
        },
        suite.admin,
      );
      expect(created.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'steps.0.headers.1.name',
      });
      const rows: unknown[] = await suite.server.dataSource.query(
        'SELECT 1 FROM workflows WHERE name = $1',
        [workflowName],
      );
      expect(rows).toHaveLength(0);

      const id = await saveWorkflow([step(`${https.peer.url}/`, [])]);
      const updated = await suite.server.request(
        UpdateWorkflowMutation,
        {
          id,
          input: {
            name: uniqueName('steer'),
            steps: [step(`${https.peer.url}/`, [{ name, value: 'evil.test' }])],
          },
        },
        suite.admin,
      );
      expect(updated.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'steps.0.headers.0.name',
      });
      const headers: unknown[] = await suite.server.dataSource.query(
        'SELECT headers FROM workflow_steps WHERE workflow_id = $1',
        [id],
      );
      expect(headers).toEqual([{ headers: [] }]);
    },
  );

  it('refuses a connection whose HEADER scheme names Host, on create and on update', async () => {
    const secret = await suite.server.request(
      CreateSecretMutation,
      { input: { kind: 'INTEGRATION', name: uniqueName('conn'), value: 'connection-value' } },
      suite.admin,
    );
    const secretId = secret.data?.createSecret.id ?? '';
    const input = {
      name: uniqueName('conn'),
      provider: 'jira',
      baseUrl: `${https.peer.url}/`,
      authScheme: 'HEADER' as const,
      secretId,
    };
    const created = await suite.server.request(
      CreateConnectionMutation,
      { input: { ...input, headerName: 'Host' } },
      suite.admin,
    );
    expect(created.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'headerName',
    });

    const good = await suite.server.request(
      CreateConnectionMutation,
      { input: { ...input, headerName: 'X-Api-Key' } },
      suite.admin,
    );
    const id = good.data?.createConnection.id ?? '';
    const updated = await suite.server.request(
      UpdateConnectionMutation,
      { id, input: { headerName: 'Transfer-Encoding' } },
      suite.admin,
    );
    expect(updated.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'headerName',
    });
    const rows: unknown[] = await suite.server.dataSource.query(
      'SELECT header_name FROM connections WHERE id = $1',
      [id],
    );
    expect(rows).toEqual([{ header_name: 'X-Api-Key' }]);
  });
});

describe('W8 rows saved before the rule are refused when they run, sending nothing', () => {
  /** A step saved with a harmless header, then given `headers` behind the API's back. */
  async function legacyWorkflow(url: string, headers: { name: string; value: string }[]) {
    const id = await saveWorkflow([
      step(url, [{ name: 'X-Placeholder', value: headers.map((h) => h.value).join(' ') }]),
    ]);
    await suite.server.dataSource.query(
      'UPDATE workflow_steps SET headers = $1 WHERE workflow_id = $2',
      [JSON.stringify(headers), id],
    );
    return id;
  }

  it.each([
    ['Host: evil.test', 'Host', () => 'evil.test'],
    ['Host: localhost, a name the certificate holds', 'Host', () => 'localhost'],
    ['Host: {secret:NAME}', 'host', (name: string) => `{secret:${name}}`],
    ['Transfer-Encoding: chunked', 'Transfer-Encoding', () => 'chunked'],
  ])('%s: FORBIDDEN_HEADER, no connection, no value stored', async (_label, header, value) => {
    const peer = await startHttpsPeer();
    try {
      const secretValue = 'Zq8vNw3Lr:Kt5hYp2Xm';
      const secret = await webhookSecret(secretValue, ['127.0.0.1']);
      const id = await legacyWorkflow(`${peer.url}/`, [
        { name: 'Authorization', value: `Bearer {secret:${secret.name}}` },
        { name: header, value: value(secret.name) },
      ]);
      const run = await runWorkflow(id);
      expect(run.steps[0]).toMatchObject({ status: 'FAILED', errorCode: 'FORBIDDEN_HEADER' });
      expect(run.steps[0]?.message).toContain(`"${header}"`);
      expect(peer.connections()).toBe(0);
      expect(peer.serverNames).toEqual([]);
      expect(peer.received).toEqual([]);
      expect(piecesOf(secretValue, await storedRun(run.id))).toEqual([]);
    } finally {
      await peer.close();
    }
  });

  it('refuses a connection test whose stored header name is Host, sending nothing', async () => {
    const peer = await startHttpsPeer();
    try {
      const secret = await suite.server.request(
        CreateSecretMutation,
        { input: { kind: 'INTEGRATION', name: uniqueName('conn'), value: 'conn-value-123' } },
        suite.admin,
      );
      const created = await suite.server.request(
        CreateConnectionMutation,
        {
          input: {
            name: uniqueName('conn'),
            provider: 'jira',
            baseUrl: `${peer.url}/`,
            authScheme: 'HEADER',
            headerName: 'X-Api-Key',
            secretId: secret.data?.createSecret.id ?? '',
          },
        },
        suite.admin,
      );
      const id = created.data?.createConnection.id ?? '';
      await suite.server.dataSource.query(
        "UPDATE connections SET header_name = 'Host' WHERE id = $1",
        [id],
      );
      const tested = await suite.server.request(TestConnectionMutation, { id }, suite.admin);
      expect(tested.data?.testConnection).toMatchObject({
        ok: false,
        errorCode: 'FORBIDDEN_HEADER',
      });
      expect(peer.connections()).toBe(0);
      expect(JSON.stringify(tested)).not.toContain('conn-value');
    } finally {
      await peer.close();
    }
  });
});

describe('W8 the TLS server name and Host come from the URL', () => {
  it('sends SNI and Host of the URL host, and of each redirect hop', async () => {
    const target = await startHttpsPeer();
    try {
      const port = new URL(target.url).port;
      https.peer.setHandler((_request, response) => {
        response.writeHead(302, { location: `https://localhost:${port}/landed` }).end();
      });
      const sniBefore = https.peer.serverNames.length;
      // 127.0.0.1 (an IP: no SNI) redirects to localhost (a name: SNI localhost).
      const id = await saveWorkflow([step(`${https.peer.url}/start`, [])]);
      const run = await runWorkflow(id);
      expect(run.status).toBe('SUCCEEDED');
      expect(https.peer.serverNames.slice(sniBefore)).toEqual([]);
      expect(https.peer.received.at(-1)?.headers.host).toBe(new URL(https.peer.url).host);
      expect(target.serverNames).toEqual(['localhost']);
      expect(target.received.map((request) => [request.url, request.headers.host])).toEqual([
        ['/landed', `localhost:${port}`],
      ]);
    } finally {
      https.peer.setHandler((_request, response) => void response.writeHead(200).end('ok'));
      await target.close();
    }
  });
});
