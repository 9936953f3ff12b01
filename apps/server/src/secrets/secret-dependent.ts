import { createUnionType } from 'type-graphql';
import { Connection } from '../connections/connection.entity';
import { Workflow } from '../workflows/workflow.entity';

export const SecretDependent = createUnionType({
  name: 'SecretDependent',
  types: () => [Connection, Workflow] as const,
  resolveType: (value) => (value instanceof Connection ? Connection : Workflow),
});
