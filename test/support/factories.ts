import type {
  CreateConnectionInput,
  CreateSecretInput,
  HttpRequestStepInput,
} from '../../packages/schema/generated/graphql';
import { uniqueName } from './names';
import {
  CreateConnectionMutation,
  CreateSecretMutation,
  CreateWorkflowMutation,
} from './operations';
import type { Credentials, TestServer } from './server';

/** The server a factory calls and the caller it signs in as (a PeerSuite will do). */
export interface Caller {
  server: Pick<TestServer, 'mutate'>;
  admin: Credentials;
}

/** A webhook secret with a fresh name unless `input` says otherwise. */
export async function createSecret(on: Caller, input: Partial<CreateSecretInput> = {}) {
  const { createSecret: secret } = await on.server.mutate(
    CreateSecretMutation,
    { input: { kind: 'WEBHOOK', name: uniqueName(), value: 'value-1', ...input } },
    on.admin,
  );
  return secret;
}

/** A workflow of `steps` with a fresh name. */
export async function createWorkflow(
  on: Caller,
  steps: HttpRequestStepInput[],
  name = uniqueName('flow'),
) {
  const { createWorkflow: workflow } = await on.server.mutate(
    CreateWorkflowMutation,
    { input: { name, steps } },
    on.admin,
  );
  return workflow;
}

/** A Jira connection with bearer auth and a fresh name unless `input` says otherwise. */
export async function createConnection(
  on: Caller,
  input: Partial<CreateConnectionInput> & Pick<CreateConnectionInput, 'secretId' | 'baseUrl'>,
) {
  const { createConnection: connection } = await on.server.mutate(
    CreateConnectionMutation,
    { input: { name: uniqueName('conn'), provider: 'jira', authScheme: 'BEARER', ...input } },
    on.admin,
  );
  return connection;
}
