import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { EditSecretForm } from './EditSecretForm';
import { UpdateSecretDocument } from './graphql';
import { renderWithProviders } from './testUtils';

// Far in the future, so that the date picker's disablePast never depends on today.
const EXPIRES_AT = '2099-06-15T12:00:00.000Z';

const secret = {
  id: 'secret-1',
  kind: 'INTEGRATION' as const,
  name: 'Jira',
  description: 'Jira Cloud token of the platform team',
  expiresAt: EXPIRES_AT,
  allowedHosts: ['*.atlassian.net'],
};

const hostsField = () => screen.getByRole('combobox', { name: 'Allowed hosts (optional)' });

const updated = (fields: Record<string, unknown>) => ({
  __typename: 'Secret',
  id: secret.id,
  kind: secret.kind,
  name: secret.name,
  description: secret.description,
  status: 'ACTIVE',
  expiresAt: secret.expiresAt,
  revokedAt: null,
  lastUsedAt: null,
  createdBy: { __typename: 'User', id: 'user-1', email: 'admin@example.com' },
  updatedAt: '2030-01-01T00:00:00.000Z',
  valueUpdatedAt: '2030-01-01T00:00:00.000Z',
  valueVersion: 1,
  reference: null,
  allowedHosts: secret.allowedHosts,
  ...fields,
});

/** The mock answers only these exact variables, so any extra field sent fails the test. */
const updateMock = (input: Record<string, unknown>, result: Record<string, unknown>) => ({
  request: { query: UpdateSecretDocument, variables: { id: secret.id, input } },
  result: { data: { updateSecret: updated(result) } },
});

describe('EditSecretForm', () => {
  it('starts from the stored metadata with the value left blank', () => {
    renderWithProviders(
      <EditSecretForm secret={secret} onCancel={jest.fn()} onSaved={jest.fn()} />,
    );
    expect(screen.getByRole('textbox', { name: /Secret name/ })).toHaveValue('Jira');
    expect(screen.getByRole('textbox', { name: 'Description (optional)' })).toHaveValue(
      secret.description,
    );
    const value = screen.getByLabelText(/Secret value/);
    expect(value).toHaveValue('');
    expect(value).toHaveAccessibleDescription(/Leave blank to keep the current value/);
  });

  it('sends only the changed name', async () => {
    const onSaved = jest.fn();
    renderWithProviders(<EditSecretForm secret={secret} onCancel={jest.fn()} onSaved={onSaved} />, [
      updateMock({ name: 'Jira prod' }, { name: 'Jira prod' }),
    ]);
    const name = screen.getByRole('textbox', { name: /Secret name/ });
    await userEvent.clear(name);
    await userEvent.type(name, 'Jira prod');
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('Secret "Jira prod" updated.'));
  });

  it('sends null to clear the description and the expiration date', async () => {
    const onSaved = jest.fn();
    renderWithProviders(<EditSecretForm secret={secret} onCancel={jest.fn()} onSaved={onSaved} />, [
      updateMock({ description: null, expiresAt: null }, { description: null, expiresAt: null }),
    ]);
    await userEvent.clear(screen.getByRole('textbox', { name: 'Description (optional)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('Secret "Jira" updated.'));
  });

  it('sends a new value only when one is typed', async () => {
    const onSaved = jest.fn();
    renderWithProviders(<EditSecretForm secret={secret} onCancel={jest.fn()} onSaved={onSaved} />, [
      updateMock({ value: 'rotated-token' }, { valueVersion: 2 }),
    ]);
    await userEvent.type(screen.getByLabelText(/Secret value/), 'rotated-token');
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('Secret "Jira" updated.'));
  });

  it('shows the stored allowed hosts and sends the new list alone, keeping the value', async () => {
    const onSaved = jest.fn();
    renderWithProviders(<EditSecretForm secret={secret} onCancel={jest.fn()} onSaved={onSaved} />, [
      updateMock(
        { allowedHosts: ['*.atlassian.net', 'api.example.com'] },
        { allowedHosts: ['*.atlassian.net', 'api.example.com'] },
      ),
    ]);
    expect(screen.getByText('*.atlassian.net')).toBeInTheDocument();
    await userEvent.type(hostsField(), 'API.example.com{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('Secret "Jira" updated.'));
  });

  it('sends an empty list to allow any host again', async () => {
    const onSaved = jest.fn();
    renderWithProviders(<EditSecretForm secret={secret} onCancel={jest.fn()} onSaved={onSaved} />, [
      updateMock({ allowedHosts: [] }, { allowedHosts: [] }),
    ]);
    // Shown on hover or focus, which jsdom's styles do not apply: found by its title.
    await userEvent.click(screen.getByTitle('Clear allowed hosts'));
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('Secret "Jira" updated.'));
  });

  it('refuses a host the server would refuse, before sending anything', async () => {
    const onSaved = jest.fn();
    renderWithProviders(<EditSecretForm secret={secret} onCancel={jest.fn()} onSaved={onSaved} />);
    await userEvent.type(hostsField(), 'https://api.example.com{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    expect(hostsField()).toHaveAttribute('aria-invalid', 'true');
    expect(hostsField()).toHaveAccessibleDescription(
      '"https://api.example.com" is not a host name; write example.com or *.example.com.',
    );
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('shows the server refusing the allowed hosts on that field', async () => {
    const message = 'At most 50 allowed hosts.';
    renderWithProviders(
      <EditSecretForm secret={secret} onCancel={jest.fn()} onSaved={jest.fn()} />,
      [
        {
          request: {
            query: UpdateSecretDocument,
            variables: {
              id: secret.id,
              input: { allowedHosts: ['*.atlassian.net', 'a.example.com'] },
            },
          },
          result: {
            errors: [
              new GraphQLError(message, {
                extensions: { code: 'BAD_USER_INPUT', field: 'allowedHosts' },
              }),
            ],
          },
        },
      ],
    );
    await userEvent.type(hostsField(), 'a.example.com{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    await waitFor(() => expect(hostsField()).toHaveAccessibleDescription(message));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('sends nothing when nothing changed', async () => {
    const onSaved = jest.fn();
    renderWithProviders(<EditSecretForm secret={secret} onCancel={jest.fn()} onSaved={onSaved} />);
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    expect(onSaved).toHaveBeenCalledWith('Nothing changed.');
  });
});
