import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { AuditResolver } from '../audit/audit.resolver';
import { AuthResolver } from '../auth/auth.resolver';
import { ConnectionResolver } from '../connections/connection.resolver';
import { SecretResolver } from '../secrets/secret.resolver';
import { WorkflowResolver, WorkflowRunResolver } from '../workflows/workflow.resolver';
import { authChecker } from './context';

export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      AuthResolver,
      SecretResolver,
      AuditResolver,
      ConnectionResolver,
      WorkflowResolver,
      WorkflowRunResolver,
    ],
    authChecker,
    // type-graphql 2 runs class-validator only when asked to.
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
}
