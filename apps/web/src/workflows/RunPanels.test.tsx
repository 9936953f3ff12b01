import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import type { WebWorkflowRunFragment } from '@secrets/schema/generated/graphql';
import { render, screen, within } from '@testing-library/react';
import { WorkflowRunsDocument } from './graphql';
import { RunHistory, RunResult } from './RunPanels';

const STARTED = '2026-01-05T10:00:00.000Z';

type MockRun = WebWorkflowRunFragment & { __typename: 'WorkflowRun' };

const run = (changes: Partial<WebWorkflowRunFragment>): MockRun => ({
  __typename: 'WorkflowRun',
  id: 'r1',
  status: 'SUCCEEDED',
  startedAt: STARTED,
  finishedAt: '2026-01-05T10:00:01.000Z',
  errorCode: null,
  message: null,
  steps: [],
  ...changes,
});

const runsResult = (runs: MockRun[]): MockLink.MockedResponse => ({
  request: { query: WorkflowRunsDocument, variables: { id: 'w1' } },
  result: { data: { workflow: { __typename: 'Workflow', id: 'w1', runs } } },
});

const INTERRUPTED = run({
  status: 'FAILED',
  errorCode: 'INTERRUPTED',
  message: 'Interrupted: the run stopped before it finished.',
});

describe('RunHistory', () => {
  it('shows a running run as in progress and reloads until it has ended', async () => {
    render(
      <MockedProvider
        mocks={[
          runsResult([run({ status: 'RUNNING', finishedAt: null })]),
          runsResult([INTERRUPTED]),
        ]}
      >
        <RunHistory workflowId="w1" selectedRunId={undefined} onSelect={jest.fn()} />
      </MockedProvider>,
    );
    const runs = await screen.findByRole('list', { name: 'Past runs' });
    expect(await within(runs).findByText(/^Running · /)).toBeInTheDocument();
    expect(within(runs).getByText('0 step(s) · in progress')).toBeInTheDocument();

    expect(await within(runs).findByText(/^Failed · /, {}, { timeout: 5000 })).toBeInTheDocument();
  });
});

describe('RunResult', () => {
  it('says why a run failed outside its steps', () => {
    render(<RunResult run={INTERRUPTED} />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'INTERRUPTED: Interrupted: the run stopped before it finished.',
    );
    expect(screen.queryByText('The workflow has no steps.')).not.toBeInTheDocument();
  });
});

describe('RunResult steps', () => {
  it('names the secrets each step sent, with their versions', () => {
    const step = (
      name: string,
      secretsUsed: WebWorkflowRunFragment['steps'][number]['secretsUsed'],
    ) => ({
      stepId: name,
      name,
      status: 'SUCCEEDED' as const,
      httpStatus: 200,
      errorCode: null,
      message: null,
      durationMs: 12,
      responseBody: null,
      secretsUsed,
    });
    render(
      <RunResult
        run={run({
          steps: [
            step('call jira', [
              { secretId: 's1', secretName: 'jira_pat', version: 3 },
              { secretId: 's2', secretName: 'tenant', version: 1 },
            ]),
            step('no secrets', []),
          ],
        })}
      />,
    );
    expect(screen.getByRole('article', { name: 'Step 1: call jira' })).toHaveTextContent(
      'Secrets sentjira_pat (version 3), tenant (version 1)',
    );
    expect(screen.getByRole('article', { name: 'Step 2: no secrets' })).not.toHaveTextContent(
      'Secrets sent',
    );
  });
});
