import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { DeleteSecretDialog } from './ConfirmDialogs';
import { DeleteSecretDocument } from './graphql';
import { renderWithProviders } from './testUtils';

const secret = { id: 'secret-1', name: 'jira_pat', kind: 'WEBHOOK' as const };

const inUse = {
  request: { query: DeleteSecretDocument, variables: { id: secret.id, force: false } },
  result: {
    errors: [
      new GraphQLError('The secret "jira_pat" is used by "Jira", "Nightly sync".', {
        extensions: {
          code: 'SECRET_IN_USE',
          dependents: [
            { type: 'CONNECTION', id: 'connection-1', name: 'Jira' },
            { type: 'WORKFLOW', id: 'workflow-1', name: 'Nightly sync' },
          ],
        },
      }),
    ],
  },
};

const forced = {
  request: { query: DeleteSecretDocument, variables: { id: secret.id, force: true } },
  result: { data: { deleteSecret: secret.id } },
};

describe('DeleteSecretDialog', () => {
  it('lists the dependents of a secret in use and offers "Delete anyway"', async () => {
    const onDone = jest.fn();
    renderWithProviders(
      <DeleteSecretDialog secret={secret} onClose={jest.fn()} onDone={onDone} />,
      [inUse, forced],
    );
    const dialog = screen.getByRole('dialog', { name: 'Delete secret?' });
    expect(dialog).toHaveTextContent('update any HTTP Request workflow steps');
    await userEvent.click(within(dialog).getByRole('button', { name: 'OK' }));

    const deleteAnyway = await within(dialog).findByRole('button', { name: 'Delete anyway' });
    expect(dialog).toHaveTextContent('Update these to use another secret first');
    const usedBy = within(dialog).getByRole('list', { name: 'Used by' });
    expect(within(usedBy).getByRole('link', { name: 'Jira' })).toHaveAttribute(
      'href',
      '/settings/integrations/connections',
    );
    expect(within(usedBy).getByRole('link', { name: 'Nightly sync' })).toHaveAttribute(
      'href',
      '/settings/integrations/workflows/workflow-1',
    );
    expect(within(dialog).queryByRole('button', { name: 'OK' })).not.toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();

    await userEvent.click(deleteAnyway);
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Secret "jira_pat" deleted.'));
  });

  it('deletes an unused secret on OK', async () => {
    const onDone = jest.fn();
    renderWithProviders(
      <DeleteSecretDialog secret={secret} onClose={jest.fn()} onDone={onDone} />,
      [
        {
          request: { query: DeleteSecretDocument, variables: { id: secret.id, force: false } },
          result: { data: { deleteSecret: secret.id } },
        },
      ],
    );
    await userEvent.click(screen.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('Secret "jira_pat" deleted.'));
  });
});
