import {
  AuditEventsQuery,
  CreateNotificationChannelMutation,
  CreateSecretMutation,
  CreateWorkflowMutation,
  DeleteSecretMutation,
  DeleteWorkflowMutation,
  RevokeSecretMutation,
  RunWorkflowMutation,
  SecretQuery,
  UpdateSecretMutation,
  UpdateWorkflowMutation,
  WorkflowQuery,
  WorkflowRunQuery,
} from '../support/operations';
import { whileAuditRefuses } from '../support/database';
import { startHttpPeer, startHttpsPeer } from '../support/https-peer';
import { errorCodes } from '../support/server';
import { usePeerSuite } from '../support/peer-suite';
import type { HttpRequestStepInput } from '../../packages/schema/generated/graphql';
import { uniqueName } from '../support/names';
import { findLeaks } from '../support/encoded-forms';
import { createSecret as newSecret, createWorkflow } from '../support/factories';

const MINUTE = 60_000;
const STEP_TIMEOUT_MS = 1500;

async function webhookSecret(value: string, extra: { expiresAt?: string } = {}) {
  return newSecret(suite, { kind: 'WEBHOOK', name: uniqueName('hook'), value, ...extra });
}

const step = (
  url: string,
  headers: { name: string; value: string }[],
  extra: Partial<HttpRequestStepInput> = {},
): HttpRequestStepInput => ({
  name: 'call',
  method: 'POST',
  url,
  headers,
  body: '{"hello":"world"}',
  ...extra,
});

async function saveWorkflow(steps: HttpRequestStepInput[]) {
  return createWorkflow(suite, steps, uniqueName('flow'));
}

async function run(workflowId: string) {
  const { runWorkflow: workflowRun } = await suite.server.mutate(
    RunWorkflowMutation,
    { id: workflowId },
    suite.admin,
  );
  return workflowRun;
}

const suite = usePeerSuite({ env: { HTTP_STEP_TIMEOUT_MS: String(STEP_TIMEOUT_MS) }, body: 'ok' });

describe('W1 substitution', () => {
  it('replaces {secret:NAME} and {{secret:NAME}} in header values, keeping the rest as written', async () => {
    const pat = await webhookSecret('pat-value-1');
    const other = await webhookSecret('other-value-2');
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/issue?x=1`, [
        { name: 'Authorization', value: `Bearer {{secret:${pat.name}}}` },
        {
          name: 'X-Both',
          value: `{secret:${pat.name}}:{secret:${other.name.toUpperCase()}} and {{7*7}}`,
        },
        { name: 'X-Plain', value: 'no references' },
      ]),
    ]);
    // Stored as written, with the secrets named as they are.
    expect(workflow.steps[0]?.headers[0]?.value).toBe(`Bearer {{secret:${pat.name}}}`);
    expect(workflow.steps[0]?.secretNames).toEqual([pat.name, other.name]);

    const result = await run(workflow.id);
    expect(result.status).toBe('SUCCEEDED');
    expect(suite.peer.received).toHaveLength(1);
    const received = suite.peer.received[0];
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/issue?x=1');
    expect(received?.body).toBe('{"hello":"world"}');
    expect(received?.headers.authorization).toBe('Bearer pat-value-1');
    expect(received?.headers['x-both']).toBe('pat-value-1:other-value-2 and {{7*7}}');
    expect(received?.headers['x-plain']).toBe('no references');
  });
});

describe('W2 https only', () => {
  it('refuses to save a step that references a secret over http, changing nothing', async () => {
    const secret = await webhookSecret('v');
    const result = await suite.server.request(
      CreateWorkflowMutation,
      {
        input: {
          name: 'insecure',
          steps: [
            step('http://127.0.0.1:9/x', [
              { name: 'Authorization', value: `{secret:${secret.name}}` },
            ]),
          ],
        },
      },
      suite.admin,
    );
    expect(errorCodes(result)).toEqual(['INSECURE_URL']);
    const rows: unknown[] = await suite.server.dataSource.query(
      "SELECT 1 FROM workflows WHERE name = 'insecure'",
    );
    expect(rows).toHaveLength(0);
  });

  it('refuses to run one whose URL became http, and the http peer receives nothing', async () => {
    const httpPeer = await startHttpPeer();
    try {
      const secret = await webhookSecret('must-not-travel');
      const workflow = await saveWorkflow([
        step(`${suite.peer.url}/x`, [{ name: 'Authorization', value: `{secret:${secret.name}}` }]),
      ]);
      await suite.server.dataSource.query(
        'UPDATE workflow_steps SET url = $1 WHERE workflow_id = $2',
        [`${httpPeer.url}/x`, workflow.id],
      );
      const result = await run(workflow.id);
      expect(result.steps[0]).toMatchObject({ status: 'FAILED', errorCode: 'INSECURE_URL' });
      expect(httpPeer.received).toHaveLength(0);
    } finally {
      await httpPeer.close();
    }
  });

  it('allows plain http for a step without secrets', async () => {
    const httpPeer = await startHttpPeer();
    try {
      const workflow = await saveWorkflow([
        step(`${httpPeer.url}/public`, [{ name: 'Accept', value: 'text/plain' }]),
      ]);
      expect((await run(workflow.id)).status).toBe('SUCCEEDED');
      expect(httpPeer.received).toHaveLength(1);
    } finally {
      await httpPeer.close();
    }
  });
});

describe('W3 unusable secrets', () => {
  async function expectRefused(workflowId: string, code: string, secretName: string) {
    const result = await run(workflowId);
    expect(result.status).toBe('FAILED');
    expect(result.steps).toHaveLength(1);
    expect(result.steps[0]?.errorCode).toBe(code);
    expect(result.steps[0]?.message).toContain(`"${secretName}"`);
    expect(suite.peer.received).toHaveLength(0);
  }

  it('fails the step with SECRET_REVOKED and sends nothing', async () => {
    const secret = await webhookSecret('revoked-value');
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/`, [
        { name: 'Authorization', value: `Bearer {secret:${secret.name}}` },
      ]),
    ]);
    await suite.server.request(RevokeSecretMutation, { id: secret.id }, suite.admin);
    await expectRefused(workflow.id, 'SECRET_REVOKED', secret.name);
  });

  it('fails the step with SECRET_EXPIRED and sends nothing', async () => {
    const secret = await webhookSecret('expired-value', {
      expiresAt: new Date(Date.now() + MINUTE).toISOString(),
    });
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/`, [{ name: 'Authorization', value: `{secret:${secret.name}}` }]),
    ]);
    suite.clockOffset = 2 * MINUTE;
    await expectRefused(workflow.id, 'SECRET_EXPIRED', secret.name);
  });

  it('fails the step with SECRET_NOT_FOUND once the secret was deleted with force, and sends nothing', async () => {
    const secret = await webhookSecret('deleted-value');
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/`, [{ name: 'Authorization', value: `{secret:${secret.name}}` }]),
    ]);
    await suite.server.request(DeleteSecretMutation, { id: secret.id, force: true }, suite.admin);
    await expectRefused(workflow.id, 'SECRET_NOT_FOUND', secret.name);
  });

  it('checks every referenced secret before sending any request of the step', async () => {
    const good = await webhookSecret('good-value');
    const bad = await webhookSecret('bad-value');
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/`, [
        { name: 'X-Good', value: `{secret:${good.name}}` },
        { name: 'X-Bad', value: `{secret:${bad.name}}` },
      ]),
    ]);
    await suite.server.request(RevokeSecretMutation, { id: bad.id }, suite.admin);
    await expectRefused(workflow.id, 'SECRET_REVOKED', bad.name);
    const used = await suite.server.request(SecretQuery, { id: good.id }, suite.admin);
    expect(used.data?.secret?.lastUsedAt).toBeNull();
  });
});

describe('allowed hosts', () => {
  it('sends a secret only to its allowed hosts; elsewhere the step fails and nothing is sent', async () => {
    const restricted = await suite.server.request(
      CreateSecretMutation,
      {
        input: {
          kind: 'WEBHOOK',
          name: uniqueName('restricted'),
          value: 'fenced-value',
          allowedHosts: ['api.example.com', '*.example.org'],
        },
      },
      suite.admin,
    );
    const name = restricted.data?.createSecret.name ?? '';
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/`, [{ name: 'Authorization', value: `{secret:${name}}` }]),
    ]);
    const result = await run(workflow.id);
    expect(result.steps[0]).toMatchObject({
      status: 'FAILED',
      errorCode: 'SECRET_HOST_NOT_ALLOWED',
    });
    expect(result.steps[0]?.message).toContain(`"${name}"`);
    expect(suite.peer.received).toHaveLength(0);

    const allowed = await suite.server.request(
      CreateSecretMutation,
      {
        input: {
          kind: 'WEBHOOK',
          name: uniqueName('allowed'),
          value: 'allowed-value',
          allowedHosts: ['127.0.0.1'],
        },
      },
      suite.admin,
    );
    const other = await saveWorkflow([
      step(`${suite.peer.url}/`, [
        { name: 'Authorization', value: `{secret:${allowed.data?.createSecret.name ?? ''}}` },
      ]),
    ]);
    expect((await run(other.id)).status).toBe('SUCCEEDED');
    expect(suite.peer.received[0]?.headers.authorization).toBe('allowed-value');
  });
});

describe('W4 references at save time', () => {
  it('refuses unknown names, integration secrets and malformed references, changing nothing', async () => {
    const integration = await suite.server.request(
      CreateSecretMutation,
      { input: { kind: 'INTEGRATION', name: uniqueName('integration'), value: 'v' } },
      suite.admin,
    );
    const cases: [string, string][] = [
      ['{secret:does_not_exist}', 'SECRET_NOT_FOUND'],
      [`{secret:${integration.data?.createSecret.name ?? ''}}`, 'SECRET_NOT_FOUND'],
      ['{secret:has space}', 'BAD_USER_INPUT'],
      ['{secret:unclosed', 'BAD_USER_INPUT'],
      ['{secret:}', 'BAD_USER_INPUT'],
    ];
    for (const [value, code] of cases) {
      const result = await suite.server.request(
        CreateWorkflowMutation,
        {
          input: {
            name: 'refused',
            steps: [step(`${suite.peer.url}/`, [{ name: 'Authorization', value }])],
          },
        },
        suite.admin,
      );
      expect([value, errorCodes(result)]).toEqual([value, [code]]);
    }
    const rows: unknown[] = await suite.server.dataSource.query(
      "SELECT 1 FROM workflows WHERE name = 'refused'",
    );
    expect(rows).toHaveLength(0);
  });

  it('refuses malformed URLs, bad header names, bodies over 1 MiB and more than 50 steps', async () => {
    const original = await saveWorkflow([step(`${suite.peer.url}/`, [])]);
    const attempts: HttpRequestStepInput[][] = [
      [step('not a url', [])],
      [step('ftp://127.0.0.1/file', [])],
      [step('https://user:pw@127.0.0.1/', [])],
      [step(`${suite.peer.url}/`, [{ name: 'Bad Header', value: 'x' }])],
      [step(`${suite.peer.url}/`, [{ name: 'X-Split', value: 'a\r\nInjected: yes' }])],
      [step(`${suite.peer.url}/`, [], { body: 'x'.repeat(1024 * 1024 + 1) })],
      Array.from({ length: 51 }, () => step(`${suite.peer.url}/`, [])),
    ];
    for (const steps of attempts) {
      const result = await suite.server.request(
        UpdateWorkflowMutation,
        { id: original.id, input: { name: 'changed', steps } },
        suite.admin,
      );
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    }
    const after = await suite.server.request(WorkflowQuery, { id: original.id }, suite.admin);
    expect(after.data?.workflow?.name).toBe(original.name);
    expect(after.data?.workflow?.steps).toEqual(original.steps);
  });
});

describe('W5 redirects', () => {
  it('follows a same-origin https redirect with the secret', async () => {
    const secret = await webhookSecret('same-origin-value');
    suite.peer.setHandler((request, response) => {
      if (request.url === '/old') response.writeHead(307, { location: '/new' }).end();
      else response.writeHead(200).end('moved fine');
    });
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/old`, [{ name: 'Authorization', value: `{secret:${secret.name}}` }]),
    ]);
    const result = await run(workflow.id);
    expect(result.steps[0]).toMatchObject({
      status: 'SUCCEEDED',
      httpStatus: 200,
      responseBody: 'moved fine',
    });
    expect(
      suite.peer.received.map((request) => [request.url, request.headers.authorization]),
    ).toEqual([
      ['/old', 'same-origin-value'],
      ['/new', 'same-origin-value'],
    ]);
  });

  it('never carries a secret to another origin or to plain http', async () => {
    const elsewhere = await startHttpsPeer();
    const plain = await startHttpPeer();
    try {
      const secret = await webhookSecret('stays-home');
      for (const target of [
        `${elsewhere.url}/steal`,
        `${plain.url}/steal`,
        `http://${new URL(suite.peer.url).host}/downgrade`,
      ]) {
        suite.peer.setHandler(
          (_request, response) => void response.writeHead(302, { location: target }).end(),
        );
        const workflow = await saveWorkflow([
          step(`${suite.peer.url}/start`, [
            { name: 'Authorization', value: `{secret:${secret.name}}` },
          ]),
        ]);
        const result = await run(workflow.id);
        expect(result.steps[0]).toMatchObject({
          status: 'FAILED',
          errorCode: 'REDIRECT_NOT_FOLLOWED',
          httpStatus: 302,
        });
      }
      expect(elsewhere.received).toHaveLength(0);
      expect(plain.received).toHaveLength(0);
      expect(suite.peer.received.every((request) => request.url === '/start')).toBe(true);
    } finally {
      await elsewhere.close();
      await plain.close();
    }
  });
});

describe('W6 masking', () => {
  it('masks the value and its base64, URL-encoded and JSON-escaped forms in the stored body', async () => {
    const value = 'p@ss "w/rd"+/?=&ü';
    const secret = await webhookSecret(value);
    const forms = [
      value,
      Buffer.from(value).toString('base64'),
      encodeURIComponent(value),
      JSON.stringify(value).slice(1, -1),
    ];
    suite.peer.setHandler((request, response) => {
      const echoed = String(request.headers['x-token']);
      response.writeHead(401, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: 'bad token',
          token: echoed,
          b64: Buffer.from(echoed).toString('base64'),
          url: encodeURIComponent(echoed),
          raw: `${echoed}`,
        }),
      );
    });
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/`, [{ name: 'X-Token', value: `{secret:${secret.name}}` }]),
    ]);
    const result = await run(workflow.id);
    expect(result.steps[0]).toMatchObject({
      status: 'FAILED',
      errorCode: 'HTTP_ERROR',
      httpStatus: 401,
    });
    const stored = (await suite.server.request(WorkflowRunQuery, { id: result.id }, suite.admin))
      .data?.workflowRun;
    const body = stored?.steps[0]?.responseBody ?? '';
    expect(body).toContain('"error":"bad token"');
    expect(body).toContain('***');
    for (const form of forms) expect(body).not.toContain(form);
    const dump = JSON.stringify(await suite.server.dataSource.query('SELECT * FROM step_runs'));
    for (const form of forms) expect(dump).not.toContain(form);
  });

  it('masks every JSON, percent and base64 spelling of the value, in the body and the database', async () => {
    const value = 'p@ss "w/rd"+/?=&x 9';
    const secret = await webhookSecret(value);
    const everyUnit = (spell: (unit: number) => string) =>
      [...value].map((c) => spell(c.charCodeAt(0))).join('');
    const spellings = [
      JSON.stringify(value).slice(1, -1).replace(/\//g, '\\/'),
      everyUnit((unit) => `\\u${unit.toString(16).padStart(4, '0').toUpperCase()}`),
      encodeURIComponent(value).toLowerCase(),
      encodeURI(value),
      new URLSearchParams({ v: value }).toString().slice(2),
      Buffer.from(`user:${value}`).toString('base64'),
      Buffer.from(value).toString('base64url'),
    ];
    suite.peer.setHandler((request, response) => {
      expect(request.headers['x-token']).toBe(value);
      response.writeHead(200).end(spellings.map((spelling) => `<${spelling}>`).join('\n'));
    });
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/`, [{ name: 'X-Token', value: `{secret:${secret.name}}` }]),
    ]);
    const result = await run(workflow.id);
    const stored = (await suite.server.request(WorkflowRunQuery, { id: result.id }, suite.admin))
      .data?.workflowRun;
    const body = stored?.steps[0]?.responseBody ?? '';
    // Basic's `user:` prefix shares base64 characters with the value; only they stay.
    expect(body.split('\n')).toEqual([
      ...spellings.slice(0, -2).map(() => '<***>'),
      expect.stringMatching(/^<dXNlcj.{0,2}\*\*\*.{0,4}>$/),
      '<***>',
    ]);
    const dump = JSON.stringify(await suite.server.dataSource.query('SELECT * FROM step_runs'));
    expect(findLeaks([{ source: 'step_runs', text: dump }], [value])).toEqual([]);
    for (const spelling of spellings) expect(dump).not.toContain(spelling);
  });

  it('masks a value across the 64 KiB cut and shows nothing from past the cut', async () => {
    // Masking the 200 values first shortens the text by 3,200 bytes; none of that may be
    // filled from past the cut, where the next value starts.
    const value = 'straddling-value-19';
    const secret = await webhookSecret(value);
    const cut = 64 * 1024;
    const before = `${value} `.repeat(200);
    const filler = '.'.repeat(cut - before.length - 9);
    suite.peer.setHandler((_request, response) => {
      response.writeHead(200).end(`${before}${filler}${value}${value}${'.'.repeat(1000)}`);
    });
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/`, [{ name: 'X-Token', value: `{secret:${secret.name}}` }]),
    ]);
    const result = await run(workflow.id);
    const stored = (await suite.server.request(WorkflowRunQuery, { id: result.id }, suite.admin))
      .data?.workflowRun;
    expect(stored?.steps[0]?.responseBody).toBe(`${'*** '.repeat(200)}${filler}***`);
  });

  it('keeps at most 64 KiB of the body', async () => {
    suite.peer.setHandler(
      (_request, response) => void response.writeHead(200).end('y'.repeat(200_000)),
    );
    const workflow = await saveWorkflow([step(`${suite.peer.url}/`, [])]);
    const result = await run(workflow.id);
    expect(result.steps[0]?.responseBody).toHaveLength(64 * 1024);
  });
});

describe('W7 runs', () => {
  it('gives a slow peer TIMEOUT within the configured time', async () => {
    suite.peer.setHandler(() => undefined); // never answers
    const workflow = await saveWorkflow([step(`${suite.peer.url}/slow`, [])]);
    const started = Date.now();
    const result = await run(workflow.id);
    expect(result.steps[0]).toMatchObject({ status: 'FAILED', errorCode: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(STEP_TIMEOUT_MS + 5000);
    expect(result.steps[0]?.durationMs).toBeGreaterThanOrEqual(STEP_TIMEOUT_MS - 50);
  });

  it('runs steps in order, ends at the first failure, and keeps the runs', async () => {
    suite.peer.setHandler(
      (request, response) =>
        void response.writeHead(request.url === '/fail' ? 500 : 200).end(request.url),
    );
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/one`, [], { name: 'one' }),
      step(`${suite.peer.url}/fail`, [], { name: 'two' }),
      step(`${suite.peer.url}/three`, [], { name: 'three' }),
    ]);
    const result = await run(workflow.id);
    expect(result.status).toBe('FAILED');
    expect(
      result.steps.map((item) => [item.name, item.status, item.httpStatus, item.errorCode]),
    ).toEqual([
      ['one', 'SUCCEEDED', 200, null],
      ['two', 'FAILED', 500, 'HTTP_ERROR'],
    ]);
    expect(suite.peer.received.map((request) => request.url)).toEqual(['/one', '/fail']);
    const second = await run(workflow.id);
    const stored = await suite.server.request(
      WorkflowQuery,
      { id: workflow.id, runs: 10 },
      suite.admin,
    );
    expect(stored.data?.workflow?.runs.map((item) => item.id)).toEqual([second.id, result.id]);
    expect(stored.data?.workflow?.runs[0]?.workflow?.id).toBe(workflow.id);

    await suite.server.request(DeleteWorkflowMutation, { id: workflow.id }, suite.admin);
    const orphan = await suite.server.request(WorkflowRunQuery, { id: result.id }, suite.admin);
    expect(orphan.data?.workflowRun).toMatchObject({
      id: result.id,
      workflow: null,
      status: 'FAILED',
    });
  });
  it('finishes many runs of one workflow at once, each with every secret substituted', async () => {
    const secrets = await Promise.all(['a', 'b', 'c'].map((value) => webhookSecret(`v-${value}`)));
    const workflow = await saveWorkflow([
      step(
        suite.peer.url,
        secrets.map((secret, index) => ({ name: `x-${index}`, value: `{secret:${secret.name}}` })),
      ),
    ]);
    const runs = await Promise.all(Array.from({ length: 40 }, () => run(workflow.id)));
    expect(runs.map((workflowRun) => workflowRun.status)).toEqual(runs.map(() => 'SUCCEEDED'));
    expect(suite.peer.received).toHaveLength(40);
    for (const request of suite.peer.received) {
      expect([request.headers['x-0'], request.headers['x-1'], request.headers['x-2']]).toEqual([
        'v-a',
        'v-b',
        'v-c',
      ]);
    }
  });
});

describe('S4, S6, S8 with workflows', () => {
  it('lists the workflow as a dependent, refuses delete with SECRET_IN_USE, deletes with force', async () => {
    const secret = await webhookSecret('in-use');
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/`, [{ name: 'Authorization', value: `{secret:${secret.name}}` }]),
    ]);
    const dependents = await suite.server.request(SecretQuery, { id: secret.id }, suite.admin);
    expect(dependents.data?.secret?.dependents).toEqual([
      { __typename: 'Workflow', id: workflow.id, name: workflow.name },
    ]);
    const refused = await suite.server.request(
      DeleteSecretMutation,
      { id: secret.id },
      suite.admin,
    );
    expect(errorCodes(refused)).toEqual(['SECRET_IN_USE']);
    expect(refused.errors?.[0]?.extensions?.dependents).toEqual([
      { type: 'WORKFLOW', id: workflow.id, name: workflow.name },
    ]);
    expect(
      (await suite.server.request(SecretQuery, { id: secret.id }, suite.admin)).data?.secret?.id,
    ).toBe(secret.id);
    expect(
      (
        await suite.server.request(
          DeleteSecretMutation,
          { id: secret.id, force: true },
          suite.admin,
        )
      ).data?.deleteSecret,
    ).toBe(secret.id);
  });

  it('lists the dependents of every feature in one list: each feature in turn, each by name', async () => {
    const secret = await webhookSecret('shared');
    const uses = [
      step(`${suite.peer.url}/`, [{ name: 'X-Key', value: `{secret:${secret.name}}` }]),
    ];
    const later = await createWorkflow(suite, uses, uniqueName('flow-b'));
    const earlier = await createWorkflow(suite, uses, uniqueName('flow-a'));
    const { createNotificationChannel: channel } = await suite.server.mutate(
      CreateNotificationChannelMutation,
      {
        input: {
          name: uniqueName('channel'),
          type: 'WEBHOOK',
          url: `${suite.peer.url}/hooks`,
          secretId: secret.id,
        },
      },
      suite.admin,
    );
    const details = await suite.server.request(SecretQuery, { id: secret.id }, suite.admin);
    expect(details.data?.secret?.dependents).toEqual([
      { __typename: 'Workflow', id: earlier.id, name: earlier.name },
      { __typename: 'Workflow', id: later.id, name: later.name },
      { __typename: 'NotificationChannel', id: channel.id, name: channel.name },
    ]);
    const refused = await suite.server.request(
      DeleteSecretMutation,
      { id: secret.id },
      suite.admin,
    );
    expect(refused.errors?.[0]?.extensions?.dependents).toEqual([
      { type: 'WORKFLOW', id: earlier.id, name: earlier.name },
      { type: 'WORKFLOW', id: later.id, name: later.name },
      { type: 'NOTIFICATION_CHANNEL', id: channel.id, name: channel.name },
    ]);
  });

  it('rewrites every step reference when a webhook secret is renamed, keeping runs working', async () => {
    const secret = await webhookSecret('renamed-value');
    const sameStart = await suite.server.request(
      CreateSecretMutation,
      { input: { kind: 'WEBHOOK', name: `${secret.name}_other`, value: 'other' } },
      suite.admin,
    );
    expect(sameStart.data?.createSecret.name).toBe(`${secret.name}_other`);
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/`, [
        { name: 'Authorization', value: `Bearer {{secret:${secret.name}}}` },
        {
          name: 'X-Again',
          value: `{secret:${secret.name.toUpperCase()}}|{secret:${secret.name}_other}`,
        },
      ]),
    ]);
    const newName = uniqueName('renamed');
    const renamed = await suite.server.request(
      UpdateSecretMutation,
      { id: secret.id, input: { name: newName } },
      suite.admin,
    );
    expect(renamed.data?.updateSecret.name).toBe(newName);
    const updated = (await suite.server.request(WorkflowQuery, { id: workflow.id }, suite.admin))
      .data?.workflow;
    expect(updated?.steps[0]?.headers.map((header) => header.value)).toEqual([
      `Bearer {{secret:${newName}}}`,
      `{secret:${newName}}|{secret:${secret.name}_other}`,
    ]);
    expect(updated?.steps[0]?.secretNames).toEqual([newName, `${secret.name}_other`]);
    const result = await run(workflow.id);
    expect(result.status).toBe('SUCCEEDED');
    expect(suite.peer.received[0]?.headers.authorization).toBe('Bearer renamed-value');
  });

  it('records each use with lastUsedAt and SECRET_USED naming the run, and audits the run', async () => {
    const secret = await webhookSecret('tracked');
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/`, [{ name: 'Authorization', value: `{secret:${secret.name}}` }]),
    ]);
    const result = await run(workflow.id);
    const used = await suite.server.request(SecretQuery, { id: secret.id }, suite.admin);
    expect(used.data?.secret?.lastUsedAt).toEqual(expect.any(String));
    const events = await suite.server.request(
      AuditEventsQuery,
      { filter: { targetId: secret.id, action: 'SECRET_USED' } },
      suite.admin,
    );
    expect(events.data?.auditEvents.nodes[0]?.details).toContain(result.id);
    const runs = await suite.server.request(
      AuditEventsQuery,
      { filter: { targetId: workflow.id, action: 'WORKFLOW_RUN' } },
      suite.admin,
    );
    expect(runs.data?.auditEvents.nodes[0]?.details).toContain('SUCCEEDED');
    expect(JSON.stringify([events.data, runs.data])).not.toContain('tracked');
  });
  it('records the uses of a step in the order its headers name the secrets', async () => {
    const created: Awaited<ReturnType<typeof webhookSecret>>[] = [];
    for (let index = 0; index < 6; index++) created.push(await webhookSecret(`ordered-${index}`));
    // Named in another order than their rows were written (or their ids sort, most likely).
    const secrets = [3, 0, 5, 1, 4, 2].flatMap((index) => created[index] ?? []);
    const workflow = await saveWorkflow([
      step(
        `${suite.peer.url}/`,
        secrets.map((secret, index) => ({
          name: `X-Key-${index}`,
          value: `{secret:${secret.name}}`,
        })),
      ),
    ]);
    const result = await run(workflow.id);
    expect(result.status).toBe('SUCCEEDED');
    const events = await suite.server.request(
      AuditEventsQuery,
      { filter: { action: 'SECRET_USED' }, first: 100 },
      suite.admin,
    );
    // Newest first: this run's uses are the last six written.
    const uses = (events.data?.auditEvents.nodes ?? [])
      .filter((event) => event.details?.includes(result.id))
      .reverse();
    expect(uses.map((event) => event.targetName)).toEqual(secrets.map((secret) => secret.name));
  });
});

describe('fail closed', () => {
  it('sends nothing when the use of a secret cannot be audited', async () => {
    const secret = await webhookSecret('unaudited-value');
    const workflow = await saveWorkflow([
      step(`${suite.peer.url}/`, [{ name: 'Authorization', value: `{secret:${secret.name}}` }]),
    ]);
    await whileAuditRefuses(suite.server.dataSource, 'SECRET_USED', async () => {
      const result = await suite.server.request(
        RunWorkflowMutation,
        { id: workflow.id },
        suite.admin,
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(result)).not.toContain('unaudited-value');
      expect(suite.peer.received).toHaveLength(0);
      const used = await suite.server.request(SecretQuery, { id: secret.id }, suite.admin);
      expect(used.data?.secret?.lastUsedAt).toBeNull();
    });
  });
});
