import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  WebCreateApiTokenDocument,
  WebLoginDocument,
  type WebCreateApiTokenMutation,
} from '@secrets/schema/generated/graphql';
import { print, type GraphQLFormattedError } from 'graphql';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './processes';

/** The product's GraphQL endpoint, called as an API client with an admin API token. */
export interface Api {
  /** e.g. http://127.0.0.1:PORT/graphql */
  endpoint: string;
  /** `authorization: Bearer <token>`, for autocannon and WebSocket clients. */
  headers: Record<string, string>;
  token: string;
  request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> | string,
    variables?: TVariables,
  ): Promise<TData>;
}

async function post<TData>(
  endpoint: string,
  headers: Record<string, string>,
  query: string,
  variables: unknown,
): Promise<{ data: TData; response: Response }> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: TData | null; errors?: GraphQLFormattedError[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`GraphQL request failed: ${JSON.stringify(body.errors ?? body)}`);
  }
  return { data: body.data, response };
}

/** Logs in as the first admin, then creates an API token, as another service would use. */
export async function connectApi(productUrl: string): Promise<Api> {
  const endpoint = `${productUrl}/graphql`;
  const login = await post(endpoint, {}, print(WebLoginDocument), {
    email: ADMIN_EMAIL,
    password: ADMIN_PASSWORD,
  });
  const cookie = login.response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('sid='));
  if (!cookie) throw new Error('The login set no session cookie.');
  const created = await post<WebCreateApiTokenMutation>(
    endpoint,
    { cookie },
    print(WebCreateApiTokenDocument),
    {
      input: { name: 'bench', role: 'ADMIN' },
    },
  );
  const token = created.data.createApiToken.token;
  const headers = { authorization: `Bearer ${token}` };
  return {
    endpoint,
    headers,
    token,
    request: async <TData, TVariables>(
      document: TypedDocumentNode<TData, TVariables> | string,
      variables?: TVariables,
    ) =>
      (
        await post<TData>(
          endpoint,
          headers,
          typeof document === 'string' ? document : print(document),
          variables,
        )
      ).data,
  };
}
