import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { MemoryRouter } from 'react-router';
import { SessionProvider, type SignedInUser } from '../auth/session';
import { HTTPS_ONLY } from './form';
import { CreateWorkflowDocument, WebhookSecretNamesDocument } from './graphql';
import { WorkflowEditor } from './WorkflowEditor';

const ADMIN: SignedInUser = { id: 'u1', email: 'admin@example.com', role: 'ADMIN' };

const secretsMock: MockLink.MockedResponse = {
  request: { query: WebhookSecretNamesDocument },
  result: {
    data: {
      secrets: {
        __typename: 'SecretPage',
        totalCount: 3,
        nodes: [
          { __typename: 'Secret', id: 's1', name: 'github_token', status: 'ACTIVE' },
          { __typename: 'Secret', id: 's2', name: 'jira_pat', status: 'ACTIVE' },
          { __typename: 'Secret', id: 's3', name: 'old_key', status: 'REVOKED' },
        ],
      },
    },
  },
};

function renderEditor(mocks: MockLink.MockedResponse[], user: SignedInUser = ADMIN) {
  const onSaved = jest.fn();
  render(
    <MockedProvider mocks={mocks}>
      <MemoryRouter>
        <SessionProvider user={user}>
          <WorkflowEditor workflow={null} onSaved={onSaved} onDeleted={jest.fn()} />
        </SessionProvider>
      </MemoryRouter>
    </MockedProvider>,
  );
  return { onSaved };
}

const step = (number: number) => within(screen.getByRole('region', { name: `Step ${number}` }));

/** Pastes plain text: typing it key by key is slow and proves nothing more. */
async function enter(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}

/** Fills step 1; header values are typed (user-event's `{` needs doubling: `{{`). */
async function fillStep(url: string, headers: [string, string][]) {
  const first = step(1);
  await enter(first.getByRole('textbox', { name: 'Step name' }), 'Create issue');
  await enter(first.getByRole('textbox', { name: 'URL' }), url);
  for (const [index, [name, value]] of headers.entries()) {
    await userEvent.click(first.getByRole('button', { name: 'Add header' }));
    await enter(first.getAllByRole('textbox', { name: 'Header name' })[index]!, name);
    await userEvent.type(first.getAllByRole('combobox', { name: 'Header value' })[index]!, value);
  }
}

// Typing into MUI fields in jsdom takes a few seconds per test.
jest.setTimeout(20_000);

describe('WorkflowEditor', () => {
  it('says secrets need HTTPS on the URL of a step whose headers reference one, before saving', async () => {
    renderEditor([secretsMock]);
    await screen.findByRole('region', { name: 'Step 1' });
    await fillStep('http://api.example.com/issues', [
      ['Authorization', 'Bearer {{{{secret:jira_pat}}'],
    ]);
    const url = step(1).getByRole('textbox', { name: 'URL' });
    expect(url).toHaveAccessibleDescription(HTTPS_ONLY);
    expect(url).toHaveAttribute('aria-invalid', 'true');

    await userEvent.clear(url);
    await enter(url, 'https://api.example.com/issues');
    expect(url).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('flags a referenced name that is not a webhook secret on that header value', async () => {
    renderEditor([secretsMock]);
    await screen.findByRole('region', { name: 'Step 1' });
    // The names load before the check applies.
    await userEvent.click(step(1).getByRole('button', { name: 'Add header' }));
    const value = step(1).getByRole('combobox', { name: 'Header value' });
    await userEvent.type(value, 'Bearer {{secret:nope}');
    expect(await screen.findByText(/"nope" is not a webhook secret/)).toBeInTheDocument();
    expect(value).toHaveAttribute('aria-invalid', 'true');

    await userEvent.click(screen.getByRole('button', { name: 'Save workflow' }));
    expect(
      screen.getByText('The workflow was not saved. Fix the highlighted fields, then save again.'),
    ).toBeInTheDocument();
  });

  it('refuses a Host header on save, with the server rule (W8)', async () => {
    renderEditor([secretsMock]);
    await screen.findByRole('region', { name: 'Step 1' });
    await fillStep('https://api.example.com/issues', [['Host', 'e']]);
    await userEvent.click(screen.getByRole('button', { name: 'Save workflow' }));
    const name = step(1).getByRole('textbox', { name: 'Header name' });
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/a request goes to the host of its URL/);
  });

  it('offers the webhook secret names after {secret: and completes the token', async () => {
    renderEditor([secretsMock]);
    await userEvent.click(step(1).getByRole('button', { name: 'Add header' }));
    const value = step(1).getByRole('combobox', { name: 'Header value' });
    await userEvent.type(value, 'Bearer {{secret:');

    const list = await screen.findByRole('listbox', { name: 'Webhook secrets' });
    expect(
      within(list)
        .getAllByRole('option')
        .map((option) => option.getAttribute('aria-label')),
    ).toEqual(['github_token', 'jira_pat']);
    expect(value).toHaveAttribute('aria-expanded', 'true');

    await userEvent.type(value, 'ji');
    expect(within(list).getAllByRole('option')).toHaveLength(1);
    await userEvent.click(screen.getByRole('option', { name: 'jira_pat' }));
    expect(value).toHaveValue('Bearer {secret:jira_pat}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('completes the double-brace form with the keyboard', async () => {
    renderEditor([secretsMock]);
    await userEvent.click(step(1).getByRole('button', { name: 'Add header' }));
    const value = step(1).getByRole('combobox', { name: 'Header value' });
    await userEvent.type(value, 'Bearer {{{{secret:');
    await screen.findByRole('option', { name: 'jira_pat' });
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(value).toHaveValue('Bearer {{secret:jira_pat}}');
    await userEvent.type(value, ' x');
    expect(value).toHaveValue('Bearer {{secret:jira_pat}} x');
  });

  it('puts API errors on the step field their path names', async () => {
    const input = {
      name: 'Issues',
      steps: [
        {
          name: 'Create issue',
          method: 'GET',
          url: 'https://api.example.com/issues',
          headers: [
            { name: 'Authorization', value: 'Bearer {secret:jira_pat}' },
            { name: 'X-Trace', value: 'abc' },
          ],
          body: null,
        },
      ],
    };
    const fails = (field: string, code: string, message: string, secretName?: string) => ({
      request: { query: CreateWorkflowDocument, variables: { input } },
      result: { errors: [new GraphQLError(message, { extensions: { code, field, secretName } })] },
    });
    renderEditor([
      secretsMock,
      fails('steps.0.headers.1.value', 'BAD_USER_INPUT', 'A header value is at most 8 KiB.'),
      fails('steps.0.url', 'INSECURE_URL', 'Use an https:// URL.'),
      fails('steps.0.headers', 'SECRET_NOT_FOUND', 'No webhook secret "jira_pat".', 'jira_pat'),
    ]);
    await screen.findByRole('region', { name: 'Step 1' });
    await enter(screen.getByRole('textbox', { name: 'Workflow name' }), 'Issues');
    await fillStep('https://api.example.com/issues', [
      ['Authorization', 'Bearer {{secret:jira_pat}'],
      ['X-Trace', 'abc'],
    ]);
    const save = screen.getByRole('button', { name: 'Save workflow' });
    const values = step(1).getAllByRole('combobox', { name: 'Header value' });

    await userEvent.click(save);
    expect(await screen.findByText('A header value is at most 8 KiB.')).toBeInTheDocument();
    expect(values[1]).toHaveAccessibleDescription('A header value is at most 8 KiB.');
    expect(values[0]).not.toHaveAttribute('aria-invalid', 'true');

    await userEvent.click(save);
    expect(await screen.findByText('Use an https:// URL.')).toBeInTheDocument();
    expect(step(1).getByRole('textbox', { name: 'URL' })).toHaveAccessibleDescription(
      'Use an https:// URL.',
    );

    // A step-level error naming a secret lands on the header value that references it.
    await userEvent.click(save);
    expect(await screen.findByText('No webhook secret "jira_pat".')).toBeInTheDocument();
    expect(values[0]).toHaveAccessibleDescription('No webhook secret "jira_pat".');
  });

  it('is read-only for a viewer', async () => {
    renderEditor([secretsMock], { ...ADMIN, role: 'VIEWER' });
    expect(screen.getByRole('textbox', { name: 'Workflow name' })).toBeDisabled();
    expect(step(1).getByRole('textbox', { name: 'URL' })).toBeDisabled();
    for (const name of ['Save workflow', 'Run', 'Add step', 'Add header', 'Remove step']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });
});
