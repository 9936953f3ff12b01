import { createUnionType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Connection } from '../connections/connection.entity';
import { NotificationChannel } from '../notifications/notification-channel.entity';
import { Secret } from '../secrets/secret.entity';
import { Workflow } from '../workflows/workflow.entity';
import type { GraphQLContext } from './context';

export const SecretDependent = createUnionType({
  name: 'SecretDependent',
  types: () => [Connection, Workflow, NotificationChannel] as const,
  resolveType: (value) =>
    value instanceof Connection
      ? Connection
      : value instanceof NotificationChannel
        ? NotificationChannel
        : Workflow,
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
