import { ApolloClient, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MockSubscriptionLink } from '@apollo/client/testing';
import { act, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { LiveUpdates } from './LiveUpdates';

/** The app's live updates on a link whose subscriptions the test ends or feeds. */
function renderLiveUpdates() {
  const link = new MockSubscriptionLink();
  const opened: string[] = [];
  link.onSetup(() => opened.push(link.operation?.operationName ?? ''));
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  render(
    <ApolloProvider client={client}>
      <MemoryRouter>
        <LiveUpdates />
      </MemoryRouter>
    </ApolloProvider>,
  );
  const subscriptions = () => opened.filter((name) => name !== 'WebNotifications');
  return { link, subscriptions };
}

/** What the server sends when it cannot serve a subscription: an error that ends it. */
const serverRefusal = () => new Error('SERVICE_UNAVAILABLE');

describe('LiveUpdates', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('opens its subscriptions again after the server ended them with an error', async () => {
    const { link, subscriptions } = renderLiveUpdates();
    expect(subscriptions().sort()).toEqual(['WebExpiryWarnings', 'WebSecretEvents']);

    act(() => link.simulateResult({ error: serverRefusal() }));
    await act(() => jest.advanceTimersByTimeAsync(999));
    expect(subscriptions()).toHaveLength(2);
    await act(() => jest.advanceTimersByTimeAsync(1));
    expect(subscriptions()).toHaveLength(4);

    // Refused again: the pause doubles.
    act(() => link.simulateResult({ error: serverRefusal() }));
    await act(() => jest.advanceTimersByTimeAsync(1_999));
    expect(subscriptions()).toHaveLength(4);
    await act(() => jest.advanceTimersByTimeAsync(1));
    expect(subscriptions()).toHaveLength(6);

    // And what the reopened subscription hears is shown.
    act(() =>
      link.simulateResult({
        result: {
          data: {
            expiryWarnings: {
              __typename: 'ExpiryNotification',
              id: 'n1',
              secretId: 's1',
              secretName: 'jira_pat',
              secretKind: 'INTEGRATION',
              message: 'jira_pat expires in 3 days.',
            },
          },
        },
      }),
    );
    expect(await screen.findByText('jira_pat expires in 3 days.')).toBeInTheDocument();
  });
});
