import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';

/**
 * One client: queries and mutations over HTTP (the session cookie travels with them),
 * subscriptions over graphql-ws on the same origin, reconnecting after a server restart.
 */
export function createApolloClient(origin: string): ApolloClient {
  const httpLink = new HttpLink({ uri: `${origin}/graphql`, credentials: 'same-origin' });
  const wsLink = new GraphQLWsLink(
    createClient({
      url: `${origin.replace(/^http/, 'ws')}/graphql`,
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
    }),
  );
  return new ApolloClient({
    link: ApolloLink.split(
      (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
      wsLink,
      httpLink,
    ),
    cache: new InMemoryCache({
      possibleTypes: { SecretDependent: ['Connection', 'Workflow'] },
    }),
  });
}
