import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { LoginDocument } from './graphql';
import { LoginPage } from './LoginPage';

describe('LoginPage', () => {
  it('shows the API message when the email or password is wrong', async () => {
    const mocks = [
      {
        request: {
          query: LoginDocument,
          variables: { email: 'a@example.com', password: 'wrong password' },
        },
        result: {
          errors: [
            new GraphQLError('The email or password is incorrect.', {
              extensions: { code: 'UNAUTHENTICATED' },
            }),
          ],
        },
      },
    ];
    render(
      <MockedProvider mocks={mocks}>
        <LoginPage />
      </MockedProvider>,
    );
    await userEvent.type(screen.getByLabelText(/Email/), 'a@example.com');
    await userEvent.type(screen.getByLabelText(/Password/), 'wrong password');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('The email or password is incorrect.')).toBeInTheDocument();
  });
});
