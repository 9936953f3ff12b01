import { setMaxListeners } from 'node:events';
import { createPubSub } from '@graphql-yoga/subscription';

/** In-process topics: each replica publishes what it hears over LISTEN to its own subscribers. */
export const Topic = {
  EXPIRY_WARNING: 'EXPIRY_WARNING',
  SECRET_EVENT: 'SECRET_EVENT',
} as const;

/** Each subscriber is one listener: thousands are expected, not a leak (B5). */
export const createLocalPubSub = () => {
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  return createPubSub({ eventTarget });
};
export type LocalPubSub = ReturnType<typeof createLocalPubSub>;
