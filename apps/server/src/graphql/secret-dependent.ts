import { createUnionType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Connection } from '../connections/connection.entity';
import { NotificationChannel } from '../notifications/notification-channel.entity';
import { Secret } from '../secrets/secret.entity';
import { Workflow } from '../workflows/workflow.entity';
import type { GraphQLContext } from './context';

/**
 * Each dependent is an instance of its entity, so type-graphql's own type resolution (an
 * `instanceof` per member) names it. A `resolveType` of ours would be wrapped in an async
 * function, which graphql-jit does not await (`compiled-executor.ts`).
 */
export const SecretDependent = createUnionType({
  name: 'SecretDependent',
  types: () => [Connection, Workflow, NotificationChannel] as const,
});

/**
 * `Secret.dependents` joins four features, so it is assembled here: secrets/ knows its
 * dependents only through the SecretDependents port.
 */
@Resolver(() => Secret)
export class SecretDependentsResolver {
  @FieldResolver(() => [SecretDependent], {
    description: 'The connections, workflows and notification channels that use this secret.',
  })
  dependents(@Root() secret: Secret, @Ctx() { loaders }: GraphQLContext) {
    return loaders.secretDependents.load(secret);
  }
}
