import {
  WebCreateSecretDocument,
  WebCreateWorkflowDocument,
} from '@secrets/schema/generated/graphql';
import { Agent, request } from 'undici';
import type { BenchContext } from '../context';
import { closedLoop, interleave, postLoad } from '../measure';
import { figures, type Comparison } from '../report';
import type { Sizes } from '../sizes';

const RUN_MUTATION = `mutation BenchRunWorkflow($id: ID!) {
  runWorkflow(id: $id) { id status steps { status httpStatus } }
}`;

/** Three webhook secrets, each in a header of the one step, as `{secret:NAME}`. */
const SECRETS = [
  { name: 'b4_jira_pat', header: 'Authorization', template: 'Bearer {secret:b4_jira_pat}' },
  { name: 'b4_api_key', header: 'X-Api-Key', template: '{secret:b4_api_key}' },
  { name: 'b4_signing_key', header: 'X-Signature', template: 'sha256={secret:b4_signing_key}' },
];

/**
 * B4: `runWorkflow` of one step with three `{secret:...}` headers to the loopback HTTPS peer
 * vs the same request, values already in place, sent directly with undici.
 */
export async function stepWithSecrets(context: BenchContext, sizes: Sizes): Promise<Comparison[]> {
  const { api, baselines, pki } = context;
  const url = `https://127.0.0.1:${baselines.peerPort}/b4/hook`;
  const values = new Map<string, string>();
  for (const secret of SECRETS) {
    const value = `${secret.name}-${Math.random().toString(36).slice(2)}`;
    values.set(secret.name, value);
    await api.request(WebCreateSecretDocument, {
      input: { kind: 'WEBHOOK', name: secret.name, value },
    });
  }
  const workflow = await api.request(WebCreateWorkflowDocument, {
    input: {
      name: 'b4 workflow',
      steps: [
        {
          name: 'call peer',
          method: 'GET',
          url,
          headers: SECRETS.map((secret) => ({ name: secret.header, value: secret.template })),
        },
      ],
    },
  });
  const body = JSON.stringify({
    query: RUN_MUTATION,
    variables: { id: workflow.createWorkflow.id },
  });
  const product = (warmup: boolean) =>
    postLoad({
      url: api.endpoint,
      connections: sizes.connections,
      durationMs: warmup ? sizes.warmupMs : sizes.roundMs,
      headers: api.headers,
      body,
      expect: '"SUCCEEDED"',
    });

  const headers = Object.fromEntries(
    SECRETS.map((secret) => [
      secret.header,
      secret.template.replace(`{secret:${secret.name}}`, values.get(secret.name) ?? ''),
    ]),
  );
  // The peer's CA is trusted here explicitly: this process started before it existed.
  const dispatcher = new Agent({ connect: { ca: pki.caPem } });
  const send = async () => {
    const response = await request(url, { method: 'GET', headers, dispatcher });
    await response.body.text();
    if (response.statusCode !== 200) throw new Error(`peer answered ${response.statusCode}`);
  };
  const baseline = (warmup: boolean) =>
    closedLoop(sizes.connections, warmup ? sizes.warmupMs : sizes.roundMs, send);

  try {
    const rounds = await interleave(sizes.rounds, product, baseline);
    return [
      {
        scenario: `B4 step with 3 secret headers to HTTPS, ${sizes.connections} connections`,
        metric: 'throughput (runs/s)',
        ...figures(rounds, 'throughput'),
        ratio: 'product/baseline',
        target: { ratio: { op: '>=', value: 0.9 } },
      },
    ];
  } finally {
    await dispatcher.close();
  }
}
