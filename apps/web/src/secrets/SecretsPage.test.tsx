import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RevokeSecretDocument, SecretsListDocument } from './graphql';
import SecretsPage from './SecretsPage';
import { renderWithProviders } from './testUtils';

const row = (id: string, name: string, status: string, expiresAt: string | null = null) => ({
  __typename: 'Secret',
  id,
  kind: 'INTEGRATION',
  name,
  description: null,
  status,
  expiresAt,
  revokedAt: status === 'REVOKED' ? '2030-01-02T00:00:00.000Z' : null,
  lastUsedAt: null,
  createdBy: { __typename: 'User', id: 'user-1', email: 'admin@example.com' },
});

const list = (nodes: ReturnType<typeof row>[]) => ({
  request: {
    query: SecretsListDocument,
    variables: { filter: { kind: 'INTEGRATION' }, first: 50, after: null },
  },
  result: {
    data: {
      secrets: {
        __typename: 'SecretPage',
        totalCount: nodes.length,
        nodes,
        pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
      },
    },
  },
});

const github = row('secret-1', 'GitHub App', 'ACTIVE');
const jira = row('secret-2', 'Jira Cloud', 'EXPIRING', '2099-01-01T00:00:00.000Z');

describe('SecretsPage', () => {
  it('offers the two ways out on an expiring row', async () => {
    renderWithProviders(<SecretsPage />, [list([github, jira])]);
    const table = await screen.findByRole('table', { name: 'Integration Secrets' });
    const jiraRow = (await within(table).findByRole('button', { name: 'Jira Cloud' })).closest(
      'tr',
    );
    if (!jiraRow) throw new Error('no row');
    expect(within(jiraRow).getByText('Expiring')).toBeInTheDocument();
    expect(within(jiraRow).getByRole('button', { name: 'Extend expiration date' })).toBeVisible();
    await userEvent.click(within(jiraRow).getByRole('button', { name: 'Create a new secret' }));
    expect(screen.getByRole('dialog', { name: 'Add Secret' })).toBeInTheDocument();
  });

  it('revokes from the row actions menu after OK, and keeps the row marked Revoked', async () => {
    renderWithProviders(<SecretsPage />, [
      list([github, jira]),
      {
        request: { query: RevokeSecretDocument, variables: { id: github.id } },
        result: {
          data: {
            revokeSecret: {
              ...row(github.id, github.name, 'REVOKED'),
              updatedAt: '2030-01-02T00:00:00.000Z',
            },
          },
        },
      },
      list([row(github.id, github.name, 'REVOKED'), jira]),
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Actions for GitHub App' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Revoke' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke secret?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    const table = screen.getByRole('table', { name: 'Integration Secrets' });
    const githubRow = within(table).getByRole('button', { name: 'GitHub App' }).closest('tr');
    if (!githubRow) throw new Error('no row');
    expect(await within(githubRow).findByText('Revoked')).toBeInTheDocument();
  });

  it('is read-only for a viewer', async () => {
    renderWithProviders(<SecretsPage />, [list([github, jira])], 'VIEWER');
    await screen.findByRole('button', { name: 'Jira Cloud' });
    expect(screen.queryByRole('button', { name: 'Add Secret' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Actions for/ })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Extend expiration date' }),
    ).not.toBeInTheDocument();
  });
});
