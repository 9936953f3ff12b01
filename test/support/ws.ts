import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface ClosedOrResult {
  closeCode?: number;
  data?: unknown;
  errors?: unknown;
}

/** Runs one operation over graphql-ws and reports either its result or the close code. */
export async function runOverWebSocket(
  url: string,
  query: string,
  options: { cookie?: string; authorization?: string } = {},
): Promise<ClosedOrResult> {
  const wsUrl = `${url.replace(/^http/, 'ws')}/graphql`;
  let client: Client | undefined;
  try {
    return await new Promise<ClosedOrResult>((resolve) => {
      client = createClient({
        url: wsUrl,
        lazy: true,
        retryAttempts: 0,
        connectionParams: options.authorization
          ? { authorization: options.authorization }
          : undefined,
        webSocketImpl: class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, {
              headers: options.cookie ? { cookie: options.cookie } : {},
            });
          }
        },
        on: { closed: (event) => resolve({ closeCode: (event as { code?: number }).code }) },
      });
      const result: ClosedOrResult = {};
      client.subscribe(
        { query },
        {
          next: (value) => Object.assign(result, { data: value.data, errors: value.errors }),
          error: () => undefined,
          complete: () => resolve(result),
        },
      );
    });
  } finally {
    await client?.dispose();
  }
}
