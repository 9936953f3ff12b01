import { createPubSub } from '@graphql-yoga/subscription';

/** In-process topics: each replica publishes what it hears over LISTEN to its own subscribers. */
export const Topic = {
  EXPIRY_WARNING: 'EXPIRY_WARNING',
  SECRET_EVENT: 'SECRET_EVENT',
} as const;

export const createLocalPubSub = () => createPubSub();
export type LocalPubSub = ReturnType<typeof createLocalPubSub>;
