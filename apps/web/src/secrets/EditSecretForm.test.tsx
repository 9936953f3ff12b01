import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { CONFLICT_MESSAGE, EditSecretForm } from './EditSecretForm';
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
  valueVersion: 2,
};

/** Details are read again only after a conflict. */
const noReload = () => Promise.resolve(null);

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
  valueVersion: secret.valueVersion,
  reference: null,
  allowedHosts: secret.allowedHosts,
  ...fields,
});

/**
 * The mock answers only these exact variables, so any extra field sent fails the test; every
 * update carries the version the form was opened on.
 */
const updateMock = (
  input: Record<string, unknown>,
  result: Record<string, unknown>,
  expectedValueVersion = secret.valueVersion,
) => ({
  request: {
    query: UpdateSecretDocument,
    variables: { id: secret.id, input: { ...input, expectedValueVersion } },
  },
  result: { data: { updateSecret: updated(result) } },
});

describe('EditSecretForm', () => {
  it('starts from the stored metadata with the value left blank', () => {
    renderWithProviders(
      <EditSecretForm
        secret={secret}
        onReload={noReload}
        onCancel={jest.fn()}
        onSaved={jest.fn()}
      />,
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
    renderWithProviders(
      <EditSecretForm secret={secret} onReload={noReload} onCancel={jest.fn()} onSaved={onSaved} />,
      [updateMock({ name: 'Jira prod' }, { name: 'Jira prod' })],
    );
    const name = screen.getByRole('textbox', { name: /Secret name/ });
    await userEvent.clear(name);
    await userEvent.type(name, 'Jira prod');
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('Secret "Jira prod" updated.'));
  });

  it('sends null to clear the description and the expiration date', async () => {
    const onSaved = jest.fn();
    renderWithProviders(
      <EditSecretForm secret={secret} onReload={noReload} onCancel={jest.fn()} onSaved={onSaved} />,
      [updateMock({ description: null, expiresAt: null }, { description: null, expiresAt: null })],
    );
    await userEvent.clear(screen.getByRole('textbox', { name: 'Description (optional)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('Secret "Jira" updated.'));
  });

  it('sends a new value only when one is typed', async () => {
    const onSaved = jest.fn();
    renderWithProviders(
      <EditSecretForm secret={secret} onReload={noReload} onCancel={jest.fn()} onSaved={onSaved} />,
      [updateMock({ value: 'rotated-token' }, { valueVersion: 3 })],
    );
    await userEvent.type(screen.getByLabelText(/Secret value/), 'rotated-token');
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('Secret "Jira" updated.'));
  });

  it('shows the stored allowed hosts and sends the new list alone, keeping the value', async () => {
    const onSaved = jest.fn();
    renderWithProviders(
      <EditSecretForm secret={secret} onReload={noReload} onCancel={jest.fn()} onSaved={onSaved} />,
      [
        updateMock(
          { allowedHosts: ['*.atlassian.net', 'api.example.com'] },
          { allowedHosts: ['*.atlassian.net', 'api.example.com'] },
        ),
      ],
    );
    expect(screen.getByText('*.atlassian.net')).toBeInTheDocument();
    await userEvent.type(hostsField(), 'API.example.com{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('Secret "Jira" updated.'));
  });

  it('sends an empty list to allow any host again', async () => {
    const onSaved = jest.fn();
    renderWithProviders(
      <EditSecretForm secret={secret} onReload={noReload} onCancel={jest.fn()} onSaved={onSaved} />,
      [updateMock({ allowedHosts: [] }, { allowedHosts: [] })],
    );
    // Shown on hover or focus, which jsdom's styles do not apply: found by its title.
    await userEvent.click(screen.getByTitle('Clear allowed hosts'));
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('Secret "Jira" updated.'));
  });

  it('refuses a host the server would refuse, before sending anything', async () => {
    const onSaved = jest.fn();
    renderWithProviders(
      <EditSecretForm secret={secret} onReload={noReload} onCancel={jest.fn()} onSaved={onSaved} />,
    );
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
      <EditSecretForm
        secret={secret}
        onReload={noReload}
        onCancel={jest.fn()}
        onSaved={jest.fn()}
      />,
      [
        {
          request: {
            query: UpdateSecretDocument,
            variables: {
              id: secret.id,
              input: {
                allowedHosts: ['*.atlassian.net', 'a.example.com'],
                expectedValueVersion: secret.valueVersion,
              },
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

  it('reports a change made elsewhere, and reloads it keeping what was typed but the value', async () => {
    const onSaved = jest.fn();
    const current = { ...secret, name: 'Jira renamed elsewhere', valueVersion: 3 };
    const onReload = jest.fn(() => Promise.resolve(current));
    renderWithProviders(
      <EditSecretForm secret={secret} onReload={onReload} onCancel={jest.fn()} onSaved={onSaved} />,
      [
        {
          request: {
            query: UpdateSecretDocument,
            variables: {
              id: secret.id,
              input: { description: 'typed here', value: 'typed-token', expectedValueVersion: 2 },
            },
          },
          result: {
            errors: [
              new GraphQLError('The secret "Jira" was changed since version 2 was read.', {
                extensions: { code: 'VERSION_CONFLICT', currentVersion: 3 },
              }),
            ],
          },
        },
        updateMock({ description: 'typed here' }, { description: 'typed here' }, 3),
      ],
    );
    const description = screen.getByRole('textbox', { name: 'Description (optional)' });
    await userEvent.clear(description);
    await userEvent.type(description, 'typed here');
    await userEvent.type(screen.getByLabelText(/Secret value/), 'typed-token');
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));

    expect(await screen.findByText(CONFLICT_MESSAGE)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Update Secret' })).toBeDisabled();
    expect(onSaved).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));

    await waitFor(() => expect(screen.queryByText(CONFLICT_MESSAGE)).not.toBeInTheDocument());
    expect(onReload).toHaveBeenCalledTimes(1);
    // Typed: kept. Untouched: as changed elsewhere. The value: to be entered again.
    expect(description).toHaveValue('typed here');
    expect(screen.getByRole('textbox', { name: /Secret name/ })).toHaveValue(current.name);
    expect(screen.getByLabelText(/Secret value/)).toHaveValue('');
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(`Secret "${current.name}" updated.`));
  });

  it('sends nothing when nothing changed', async () => {
    const onSaved = jest.fn();
    renderWithProviders(
      <EditSecretForm secret={secret} onReload={noReload} onCancel={jest.fn()} onSaved={onSaved} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Update Secret' }));
    expect(onSaved).toHaveBeenCalledWith('Nothing changed.');
  });
});
