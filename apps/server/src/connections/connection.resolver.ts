import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { CurrentPrincipal, type GraphQLContext } from '../graphql/context';
import type { Loaders } from '../graphql/loaders';
import type { Secret } from '../secrets/secret.entity';
import { Connection, ConnectionStatus } from './connection.entity';
import { ConnectionTest, CreateConnectionInput, UpdateConnectionInput } from './connection.inputs';

@Resolver(() => Connection)
export class ConnectionResolver {
  @Authorized()
  @Query(() => [Connection])
  connections(@Ctx() { services }: GraphQLContext): Promise<Connection[]> {
    return services.connections.list();
  }

  @Authorized()
  @Query(() => Connection, { nullable: true })
  connection(
    @Arg('id', () => ID) id: string,
    @Ctx() { services }: GraphQLContext,
  ): Promise<Connection | null> {
    return services.connections.get(id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Connection)
  createConnection(
    @Arg('input') input: CreateConnectionInput,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<Connection> {
    return services.connections.create(input, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Connection)
  updateConnection(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateConnectionInput,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<Connection> {
    return services.connections.update(id, input, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ID)
  deleteConnection(
    @Arg('id', () => ID) id: string,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<string> {
    return services.connections.delete(id, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ConnectionTest)
  testConnection(
    @Arg('id', () => ID) id: string,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<ConnectionTest> {
    return services.connections.test(id, principal);
  }

  @FieldResolver()
  secret(
    @Root() connection: Connection,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Secret | null> {
    return secretOf(connection, loaders);
  }

  @FieldResolver(() => ConnectionStatus)
  async status(
    @Root() connection: Connection,
    @Ctx() { services, loaders }: GraphQLContext,
  ): Promise<ConnectionStatus> {
    return services.connections.status(await secretOf(connection, loaders));
  }
}

/**
 * The connection's secret: as loaded with it by the connection queries, or by DataLoader
 * when it came without (a secret's dependents, B2).
 */
function secretOf(connection: Connection, loaders: Loaders): Promise<Secret | null> {
  if (connection.secret !== undefined) return Promise.resolve(connection.secret);
  return connection.secretId ? loaders.secretById.load(connection.secretId) : Promise.resolve(null);
}
