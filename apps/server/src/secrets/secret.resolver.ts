import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { CurrentPrincipal, type GraphQLContext } from '../graphql/context';
import { asksFor } from '../common/selection';
import { SecretKind, SecretStatus } from './secret-kind';
import { SecretEvent } from './secret-event';
import { Topic } from '../db/topics';
import { Secret } from './secret.entity';
import { CreateSecretInput, SecretFilter, SecretPage, UpdateSecretInput } from './secret.inputs';

@Resolver(() => Secret)
export class SecretResolver {
  /** A list that shows its secrets' dependents reads them with the page, in one statement. */
  @Authorized()
  @Query(() => SecretPage)
  async secrets(
    @Ctx() { services, loaders }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => SecretFilter, { nullable: true }) filter?: SecretFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, nullable: true }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<SecretPage> {
    const { dependents, ...page } = await services.secrets.list(filter, first, after, {
      withDependents: asksFor(info, ['nodes', 'dependents']),
    });
    if (dependents) {
      for (const secret of page.nodes)
        loaders.secretDependents.prime(secret, dependents.get(secret.id) ?? []);
    }
    return page;
  }

  /** Its creator is read with it only when the operation asks for `createdBy`. */
  @Authorized()
  @Query(() => Secret, { nullable: true })
  secret(
    @Arg('id', () => ID) id: string,
    @Ctx() { services }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Secret | null> {
    return services.secrets.get(id, { withCreator: asksFor(info, ['createdBy']) });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Secret)
  createSecret(
    @Arg('input') input: CreateSecretInput,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<Secret> {
    return services.secretLifecycle.create(input, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Secret)
  updateSecret(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateSecretInput,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<Secret> {
    return services.secretLifecycle.update(id, input, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Secret, {
    description:
      'Stores the value of an earlier version as a new version (valueVersion + 1); NOT_FOUND for a version no longer kept; VERSION_CONFLICT as in updateSecret.',
  })
  rollbackSecret(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
    @Arg('expectedValueVersion', () => Int, { nullable: true })
    expectedValueVersion?: number | null,
  ): Promise<Secret> {
    return services.secretLifecycle.rollback(id, version, expectedValueVersion, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Secret)
  revokeSecret(
    @Arg('id', () => ID) id: string,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<Secret> {
    return services.secretLifecycle.revoke(id, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ID, {
    description:
      'Refused with SECRET_IN_USE while anything depends on it, unless force is true. Returns the id.',
  })
  deleteSecret(
    @Arg('id', () => ID) id: string,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
    @Arg('force', () => Boolean, { defaultValue: false, nullable: true }) force = false,
  ): Promise<string> {
    return services.secretLifecycle.delete(id, force, principal);
  }

  @Authorized()
  @Subscription(() => SecretEvent, {
    topics: Topic.SECRET_EVENT,
    filter: ({ payload, args }: { payload: SecretEvent; args: { kind?: SecretKind | null } }) =>
      !args.kind || payload.kind === args.kind,
    description: 'Every create, update, revoke and delete, so that open SPAs stay current.',
  })
  secretEvents(
    @Root() event: SecretEvent,
    @Arg('kind', () => SecretKind, { nullable: true }) _kind?: SecretKind | null,
  ): SecretEvent {
    return event;
  }

  @FieldResolver(() => SecretStatus)
  status(@Root() secret: Secret, @Ctx() { services }: GraphQLContext): SecretStatus {
    return services.secrets.status(secret);
  }
}
