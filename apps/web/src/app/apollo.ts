import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import schemaUnions from '@secrets/schema/generated/possible-types';

/** Reconnection backoff: 0.5 s doubling up to 30 s, jittered so that clients spread out. */
const reconnectDelayMs = (retries: number): number =>
  Math.min(30_000, 500 * 2 ** retries) * (0.5 + Math.random() / 2);

/**
 * A second catch-up this long after reconnecting: the subscriptions are sent again once the
 * connection is acknowledged, and an event raised before the server attached them is in
 * neither the first fetch nor the stream.
 */
const SECOND_CATCH_UP_MS = 2_000;

/** Pings keep the socket open through proxies that close idle connections (nginx: 300 s). */
const KEEP_ALIVE_MS = 30_000;

/**
 * One client: queries and mutations over HTTP (the session cookie travels with them),
 * subscriptions over graphql-ws on the same origin. A lost socket (a replica restarting)
 * reconnects with backoff, and then every query on screen is fetched again: notifications
 * raised meanwhile appear and the bell's count is right (O3).
 */
export function createApolloClient(origin: string): ApolloClient {
  const httpLink = new HttpLink({ uri: `${origin}/graphql`, credentials: 'same-origin' });
  let connectedBefore = false;
  const catchUp = () => {
    void client.refetchQueries({ include: 'active' });
    setTimeout(() => void client.refetchQueries({ include: 'active' }), SECOND_CATCH_UP_MS);
  };
  const wsLink = new GraphQLWsLink(
    createClient({
      url: `${origin.replace(/^http/, 'ws')}/graphql`,
      lazy: true,
      keepAlive: KEEP_ALIVE_MS,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) =>
        new Promise((resolve) => setTimeout(resolve, reconnectDelayMs(retries))),
      on: {
        connected: () => {
          if (connectedBefore) catchUp();
          connectedBefore = true;
        },
      },
    }),
  );
  const client = new ApolloClient({
    link: ApolloLink.split(
      (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
      wsLink,
      httpLink,
    ),
    // Each union's members, generated from the schema (a hand-kept list had missed one).
    cache: new InMemoryCache({ possibleTypes: schemaUnions.possibleTypes }),
  });
  return client;
}
