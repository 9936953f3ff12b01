import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { RollbackSecretDocument } from './graphql';
import { SecretVersions } from './SecretVersions';
import { renderWithProviders } from './testUtils';

const admin = { __typename: 'User' as const, id: 'user-1', email: 'admin@example.com' };
const version = (number: number, fields: Record<string, unknown> = {}) => ({
  __typename: 'SecretVersion' as const,
  version: number,
  current: false,
  createdAt: '2030-01-0' + String(number) + 'T10:00:00.000Z',
  createdBy: admin,
  restoredFrom: null,
  lastUsedAt: null,
  ...fields,
});

const secret = {
  id: 'secret-1',
  name: 'jira_pat',
  valueVersion: 3,
  versions: [
    version(3, { current: true, restoredFrom: 1, lastUsedAt: '2030-01-04T10:00:00.000Z' }),
    version(2, { createdBy: null }),
    version(1),
  ],
};

const rollbackMock = (result: object) => ({
  request: {
    query: RollbackSecretDocument,
    variables: { id: secret.id, version: 2, expectedValueVersion: 3 },
  },
  result,
});

const rolledBack = {
  data: {
    rollbackSecret: {
      __typename: 'Secret',
      id: secret.id,
      kind: 'WEBHOOK',
      name: secret.name,
      description: null,
      status: 'ACTIVE',
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
      createdBy: admin,
      updatedAt: '2030-01-05T00:00:00.000Z',
      valueUpdatedAt: '2030-01-05T00:00:00.000Z',
      valueVersion: 4,
    },
  },
};

const rowOf = (name: RegExp) => screen.getByRole('row', { name });

describe('SecretVersions', () => {
  it('lists versions newest first with the Current chip, authors, last use and restores', () => {
    renderWithProviders(<SecretVersions secret={secret} canRollBack onRolledBack={jest.fn()} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Version 3CurrentRestored from version 1',
      'Version 2',
      'Version 1',
    ]);
    expect(within(rowOf(/Version 2/)).getByText('—')).toBeInTheDocument();
    expect(within(rowOf(/Version 2/)).getByText('Never')).toBeInTheDocument();
    // Only older versions can be rolled back to.
    expect(within(rowOf(/Version 3/)).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Roll back to this version' })).toHaveLength(2);
  });

  it('offers no rollback to a viewer or on a revoked secret', () => {
    renderWithProviders(
      <SecretVersions secret={secret} canRollBack={false} onRolledBack={jest.fn()} />,
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('says what will change, and rolls back from the version shown', async () => {
    const onRolledBack = jest.fn();
    renderWithProviders(
      <SecretVersions secret={secret} canRollBack onRolledBack={onRolledBack} />,
      [rollbackMock(rolledBack)],
    );
    await userEvent.click(within(rowOf(/Version 2/)).getByRole('button'));
    const dialog = screen.getByRole('dialog', { name: 'Roll back to version 2?' });
    expect(dialog).toHaveTextContent(
      'The value of version 2 becomes the current value of jira_pat, stored as version 4.',
    );
    expect(dialog).toHaveTextContent('The current value (version 3) stays in the history');
    expect(dialog).toHaveTextContent(
      'The name, description, expiration date and allowed hosts do not change.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() =>
      expect(onRolledBack).toHaveBeenCalledWith(
        'Secret "jira_pat" rolled back: version 4 holds the value of version 2.',
      ),
    );
  });

  it('says so when someone else changed the secret meanwhile', async () => {
    const onRolledBack = jest.fn();
    renderWithProviders(
      <SecretVersions secret={secret} canRollBack onRolledBack={onRolledBack} />,
      [
        rollbackMock({
          errors: [
            new GraphQLError('changed', {
              extensions: { code: 'VERSION_CONFLICT', currentVersion: 4 },
            }),
          ],
        }),
      ],
    );
    await userEvent.click(within(rowOf(/Version 2/)).getByRole('button'));
    await userEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(
      await screen.findByText(/Someone else changed this secret since you opened it/),
    ).toBeInTheDocument();
    expect(onRolledBack).not.toHaveBeenCalled();
  });
});
