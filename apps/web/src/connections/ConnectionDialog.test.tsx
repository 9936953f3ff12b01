import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../auth/session';
import { ConnectionDialog } from './ConnectionDialog';
import { ConnectionSecretOptionsDocument, CreateConnectionDocument } from './graphql';

const secretsMock: MockLink.MockedResponse = {
  request: { query: ConnectionSecretOptionsDocument },
  result: {
    data: {
      secrets: {
        __typename: 'SecretPage',
        nodes: [
          { __typename: 'Secret', id: 's1', name: 'Jira token', status: 'ACTIVE' },
          { __typename: 'Secret', id: 's2', name: 'GitHub PAT', status: 'EXPIRING' },
        ],
      },
    },
  },
};

const createFails = (
  baseUrl: string,
  error: { message: string; code: string; field: string },
): MockLink.MockedResponse => ({
  request: {
    query: CreateConnectionDocument,
    variables: {
      input: {
        name: 'Jira',
        provider: 'jira',
        baseUrl,
        authScheme: 'BEARER',
        headerName: null,
        secretId: 's1',
      },
    },
  },
  result: {
    errors: [
      new GraphQLError(error.message, {
        extensions: { code: error.code, field: error.field },
      }),
    ],
  },
});

function renderDialog(mocks: MockLink.MockedResponse[]) {
  const onSaved = jest.fn();
  render(
    <MockedProvider mocks={mocks}>
      <MemoryRouter>
        <SessionProvider user={{ id: 'u1', email: 'admin@example.com', role: 'ADMIN' }}>
          <ConnectionDialog connection={null} onClose={jest.fn()} onSaved={onSaved} />
        </SessionProvider>
      </MemoryRouter>
    </MockedProvider>,
  );
  return { onSaved };
}

async function choose(field: string, option: string) {
  await userEvent.click(screen.getByRole('combobox', { name: field }));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

async function fillValidForm(baseUrl: string) {
  await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Jira');
  await userEvent.type(screen.getByRole('textbox', { name: 'Provider' }), 'jira');
  await userEvent.type(screen.getByRole('textbox', { name: 'Base URL' }), baseUrl);
  await choose('Integration secret', 'Jira token');
}

describe('ConnectionDialog', () => {
  it('asks for a header name only with the Header auth scheme', async () => {
    renderDialog([secretsMock]);
    expect(screen.getByRole('dialog', { name: 'Add Connection' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Header name' })).not.toBeInTheDocument();

    await choose('Auth scheme', 'Header');
    expect(screen.getByRole('textbox', { name: 'Header name' })).toBeInTheDocument();

    await choose('Auth scheme', 'Basic');
    expect(screen.queryByRole('textbox', { name: 'Header name' })).not.toBeInTheDocument();
  });

  it('lists the usable integration secrets by name with their status', async () => {
    renderDialog([secretsMock]);
    await userEvent.click(screen.getByRole('combobox', { name: 'Integration secret' }));
    const expiring = await screen.findByRole('option', { name: 'GitHub PAT' });
    expect(expiring).toHaveAccessibleDescription('Expiring');
    expect(screen.getByRole('option', { name: 'Jira token' })).toHaveAccessibleDescription(
      'Active',
    );
  });

  it('shows INSECURE_URL from the API on the Base URL field', async () => {
    const message = 'Use an https:// URL: secrets are only sent over HTTPS.';
    const { onSaved } = renderDialog([
      secretsMock,
      createFails('http://jira.example.com', { message, code: 'INSECURE_URL', field: 'baseUrl' }),
    ]);
    await fillValidForm('http://jira.example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Create Connection' }));

    const baseUrl = screen.getByRole('textbox', { name: 'Base URL' });
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(baseUrl).toHaveAttribute('aria-invalid', 'true');
    expect(baseUrl).toHaveAccessibleDescription(message);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('shows a revoked secret error on the Integration secret field', async () => {
    const message = 'The secret "Jira token" is revoked; choose another one.';
    renderDialog([
      secretsMock,
      createFails('https://jira.example.com', {
        message,
        code: 'SECRET_REVOKED',
        field: 'secretId',
      }),
    ]);
    await fillValidForm('https://jira.example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Create Connection' }));

    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Integration secret' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.getByRole('textbox', { name: 'Base URL' })).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('requires the fields before calling the API', async () => {
    renderDialog([secretsMock]);
    await userEvent.click(screen.getByRole('button', { name: 'Create Connection' }));
    expect(screen.getByRole('textbox', { name: 'Base URL' })).toHaveAccessibleDescription(
      'Enter the https:// URL of the external API.',
    );
    expect(screen.getByText('Choose the integration secret to authenticate with.')).toBeVisible();
  });
});
