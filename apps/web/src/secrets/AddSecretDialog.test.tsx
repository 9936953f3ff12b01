import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { AddSecretDialog } from './AddSecretDialog';
import { CreateSecretDocument } from './graphql';
import { WEBHOOK_NAME_RULE, WHITESPACE_WARNING } from './secretForm';
import { renderWithProviders } from './testUtils';

const nameField = () => screen.getByRole('textbox', { name: /Secret name/ });
// A password input has no ARIA role: find it by its label.
const valueField = () => screen.getByLabelText(/Secret value/);

function createMock(
  input: {
    kind: 'INTEGRATION' | 'WEBHOOK';
    name: string;
    value: string;
    allowedHosts?: string[];
  },
  error: GraphQLError,
) {
  return {
    request: {
      query: CreateSecretDocument,
      variables: { input: { description: null, expiresAt: null, allowedHosts: [], ...input } },
    },
    result: { errors: [error] },
  };
}

const hostsField = () => screen.getByRole('combobox', { name: 'Allowed hosts (optional)' });

describe('AddSecretDialog', () => {
  it('requires a name and a value before sending anything', async () => {
    const onCreated = jest.fn();
    renderWithProviders(
      <AddSecretDialog kind="INTEGRATION" onClose={jest.fn()} onCreated={onCreated} />,
    );
    expect(screen.getByRole('dialog', { name: 'Add Secret' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create Secret' }));
    expect(nameField()).toHaveAttribute('aria-invalid', 'true');
    expect(nameField()).toHaveAccessibleDescription('Enter a secret name.');
    expect(valueField()).toHaveAttribute('aria-invalid', 'true');
    expect(valueField()).toHaveAccessibleDescription('Enter the secret value.');
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('explains the webhook name rule and previews the reference', async () => {
    renderWithProviders(
      <AddSecretDialog kind="WEBHOOK" onClose={jest.fn()} onCreated={jest.fn()} />,
    );
    await userEvent.type(nameField(), 'jira pat');
    expect(nameField()).toHaveAttribute('aria-invalid', 'true');
    expect(nameField()).toHaveAccessibleDescription(WEBHOOK_NAME_RULE);
    expect(screen.getByRole('button', { name: 'Copy reference' })).toBeDisabled();

    await userEvent.clear(nameField());
    await userEvent.type(nameField(), 'jira_pat');
    expect(nameField()).toHaveAttribute('aria-invalid', 'false');
    expect(screen.getByTestId('secret-reference')).toHaveTextContent('{secret:jira_pat}');
    expect(screen.getByRole('button', { name: 'Copy reference' })).toBeEnabled();
  });

  it('keeps the value out of view and warns about leading or trailing whitespace', async () => {
    renderWithProviders(
      <AddSecretDialog kind="INTEGRATION" onClose={jest.fn()} onCreated={jest.fn()} />,
    );
    expect(valueField()).toHaveAttribute('type', 'password');
    expect(valueField()).toHaveValue('');
    await userEvent.type(valueField(), ' token');
    expect(valueField()).toHaveAccessibleDescription(WHITESPACE_WARNING);
    await userEvent.clear(valueField());
    await userEvent.type(valueField(), 'token');
    expect(screen.queryByText(WHITESPACE_WARNING)).not.toBeInTheDocument();
  });

  it('shows SECRET_NAME_TAKEN on "Secret name"', async () => {
    const message = 'An integration secret named "Jira" already exists.';
    renderWithProviders(
      <AddSecretDialog kind="INTEGRATION" onClose={jest.fn()} onCreated={jest.fn()} />,
      [
        createMock(
          { kind: 'INTEGRATION', name: 'Jira', value: 'token-1' },
          new GraphQLError(message, { extensions: { code: 'SECRET_NAME_TAKEN', field: 'name' } }),
        ),
      ],
    );
    await userEvent.type(nameField(), 'Jira');
    await userEvent.type(valueField(), 'token-1');
    await userEvent.click(screen.getByRole('button', { name: 'Create Secret' }));
    await waitFor(() => expect(nameField()).toHaveAccessibleDescription(message));
    expect(nameField()).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a BAD_USER_INPUT about the value on "Secret value"', async () => {
    const message =
      'A webhook secret value cannot contain line breaks or NUL, since it is sent in a header.';
    renderWithProviders(
      <AddSecretDialog kind="WEBHOOK" onClose={jest.fn()} onCreated={jest.fn()} />,
      [
        createMock(
          { kind: 'WEBHOOK', name: 'slack_hook', value: 'abc' },
          new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field: 'value' } }),
        ),
      ],
    );
    await userEvent.type(nameField(), 'slack_hook');
    await userEvent.type(valueField(), 'abc');
    await userEvent.click(screen.getByRole('button', { name: 'Create Secret' }));
    await waitFor(() => expect(valueField()).toHaveAccessibleDescription(message));
    expect(valueField()).toHaveAttribute('aria-invalid', 'true');
    expect(nameField()).toHaveAttribute('aria-invalid', 'false');
  });

  it('shows other API errors in an alert in the dialog', async () => {
    renderWithProviders(
      <AddSecretDialog kind="INTEGRATION" onClose={jest.fn()} onCreated={jest.fn()} />,
      [
        createMock(
          { kind: 'INTEGRATION', name: 'Jira', value: 'token-1' },
          new GraphQLError('Only admins may change secrets.', {
            extensions: { code: 'FORBIDDEN' },
          }),
        ),
      ],
    );
    await userEvent.type(nameField(), 'Jira');
    await userEvent.type(valueField(), 'token-1');
    await userEvent.click(screen.getByRole('button', { name: 'Create Secret' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Only admins may change secrets.');
  });

  it('sends the allowed hosts as listed, and shows the server refusing them on that field', async () => {
    const message = 'At most 50 allowed hosts.';
    renderWithProviders(
      <AddSecretDialog kind="WEBHOOK" onClose={jest.fn()} onCreated={jest.fn()} />,
      [
        createMock(
          {
            kind: 'WEBHOOK',
            name: 'jira_pat',
            value: 'token-1',
            allowedHosts: ['api.example.com', '*.atlassian.net'],
          },
          new GraphQLError(message, {
            extensions: { code: 'BAD_USER_INPUT', field: 'allowedHosts' },
          }),
        ),
      ],
    );
    await userEvent.type(nameField(), 'jira_pat');
    await userEvent.type(valueField(), 'token-1');
    await userEvent.type(hostsField(), 'API.example.com, *.atlassian.net');
    // The host still being typed counts: the field adds it as it loses focus.
    await userEvent.click(screen.getByRole('button', { name: 'Create Secret' }));
    await waitFor(() => expect(hostsField()).toHaveAccessibleDescription(message));
    expect(hostsField()).toHaveAttribute('aria-invalid', 'true');
  });

  it('refuses an entry that is not a host name before sending anything', async () => {
    const onCreated = jest.fn();
    renderWithProviders(
      <AddSecretDialog kind="WEBHOOK" onClose={jest.fn()} onCreated={onCreated} />,
    );
    await userEvent.type(nameField(), 'jira_pat');
    await userEvent.type(valueField(), 'token-1');
    await userEvent.type(hostsField(), 'api.example.com/rest{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Create Secret' }));
    expect(hostsField()).toHaveAccessibleDescription(
      '"api.example.com/rest" is not a host name; write example.com or *.example.com.',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(onCreated).not.toHaveBeenCalled();
  });
});
