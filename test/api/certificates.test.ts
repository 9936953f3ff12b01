// The product checks the certificates of the hosts it sends secrets to: a peer whose
// certificate no trusted CA issued fails the TLS handshake, so no request, and no header
// carrying a value, ever reaches it.
import { startUntrustedHttpsPeer, type TestPeer } from '../support/https-peer';
import { uniqueName } from '../support/names';
import {
  CreateConnectionMutation,
  CreateWorkflowMutation,
  RunWorkflowMutation,
  TestConnectionMutation,
} from '../support/operations';
import { useTestServer } from '../support/server';
import { createSecret as newSecret } from '../support/factories';

const suite = useTestServer();
let untrusted: TestPeer;

beforeAll(async () => {
  untrusted = await startUntrustedHttpsPeer();
});
afterAll(async () => {
  await untrusted.close();
});

/** What Node says of a certificate it cannot chain to a trusted CA. */
const CERTIFICATE_ERROR =
  /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN/;

async function secret(kind: 'INTEGRATION' | 'WEBHOOK') {
  return newSecret(suite, { kind, name: uniqueName('tls'), value: 'value-for-an-untrusted-host' });
}

describe('outgoing requests to a host with an untrusted certificate', () => {
  it('fail a step with NETWORK_ERROR naming the certificate, and the host receives nothing', async () => {
    const { name } = await secret('WEBHOOK');
    const workflow = await suite.server.request(
      CreateWorkflowMutation,
      {
        input: {
          name: uniqueName('tls'),
          steps: [
            {
              name: 'call',
              method: 'POST',
              url: `${untrusted.url}/hook`,
              headers: [{ name: 'Authorization', value: `Bearer {secret:${name}}` }],
            },
          ],
        },
      },
      suite.admin,
    );
    const run = (
      await suite.server.request(
        RunWorkflowMutation,
        { id: workflow.data?.createWorkflow.id ?? '' },
        suite.admin,
      )
    ).data?.runWorkflow;
    expect(run?.status).toBe('FAILED');
    expect(run?.steps[0]).toMatchObject({ errorCode: 'NETWORK_ERROR', httpStatus: null });
    expect(run?.steps[0]?.message).toMatch(CERTIFICATE_ERROR);
    expect(untrusted.received).toEqual([]);
  });

  it('fail a connection test with NETWORK_ERROR naming the certificate, and the host receives nothing', async () => {
    const { id: secretId } = await secret('INTEGRATION');
    const connection = await suite.server.request(
      CreateConnectionMutation,
      {
        input: {
          name: uniqueName('tls'),
          provider: 'jira',
          baseUrl: `${untrusted.url}/rest`,
          authScheme: 'BEARER',
          secretId,
        },
      },
      suite.admin,
    );
    const test = (
      await suite.server.request(
        TestConnectionMutation,
        { id: connection.data?.createConnection.id ?? '' },
        suite.admin,
      )
    ).data?.testConnection;
    expect(test).toMatchObject({ ok: false, httpStatus: null, errorCode: 'NETWORK_ERROR' });
    expect(test?.message).toMatch(CERTIFICATE_ERROR);
    expect(untrusted.received).toEqual([]);
  });
});
