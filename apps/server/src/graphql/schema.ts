import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { AuditResolver } from '../audit/audit.resolver';
import { AuthResolver } from '../auth/auth.resolver';
import { ConnectionResolver } from '../connections/connection.resolver';
import { NotificationResolver } from '../notifications/notification.resolver';
import {
  NotificationChannelResolver,
  NotificationDeliveryResolver,
} from '../notifications/notification-channel.resolver';
import type { LocalPubSub } from '../db/topics';
import { SecretResolver } from '../secrets/secret.resolver';
import { SecretVersionResolver, SecretVersionsResolver } from '../secrets/secret-version.resolver';
import { WorkflowResolver, WorkflowRunResolver } from '../workflows/workflow.resolver';
import { authChecker } from './context';
import { SecretDependentsResolver } from './secret-dependent';

/** One schema per server: its subscriptions read from that server's own pub/sub. */
export function buildAppSchema(pubSub: LocalPubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      AuthResolver,
      SecretResolver,
      SecretDependentsResolver,
      SecretVersionsResolver,
      SecretVersionResolver,
      AuditResolver,
      ConnectionResolver,
      WorkflowResolver,
      WorkflowRunResolver,
      NotificationResolver,
      NotificationChannelResolver,
      NotificationDeliveryResolver,
    ],
    authChecker,
    pubSub,
    // type-graphql 2 runs class-validator only when asked to.
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
}
