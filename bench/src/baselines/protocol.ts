/** Messages between the bench and its baselines child, over the child's IPC channel. */

export interface BaselinesReady {
  type: 'ready';
  /** node:http + pg: POST /secret (B1) and POST /secrets (B2). */
  httpPort: number;
  /** A raw `ws` server that broadcasts on request (B5). */
  wsPort: number;
  /** The loopback HTTPS peer that workflow steps call (B4). */
  peerPort: number;
}

export interface BroadcastRequest {
  type: 'broadcast';
  /** Sent as is, one string to every connected client. */
  message: string;
}

export interface BroadcastSent {
  type: 'broadcast-sent';
  clients: number;
}

export type FromBaselines = BaselinesReady | BroadcastSent;
export type ToBaselines = BroadcastRequest;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

export const isFromBaselines = (value: unknown): value is FromBaselines =>
  isObject(value) && (value.type === 'ready' || value.type === 'broadcast-sent');

export const isToBaselines = (value: unknown): value is ToBaselines =>
  isObject(value) && value.type === 'broadcast' && typeof value.message === 'string';

/** The request body B1's baseline takes, and B2's. */
export interface SecretRequest {
  id: string;
}
export interface SecretsRequest {
  first: number;
}
