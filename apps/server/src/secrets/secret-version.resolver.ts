import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { User } from '../auth/user.entity';
import type { GraphQLContext } from '../graphql/context';
import { Secret } from './secret.entity';
import { SecretVersion } from './secret-version.entity';

/** `Secret.versions`: batched per request, so that a page of secrets costs one query. */
@Resolver(() => Secret)
export class SecretVersionsResolver {
  @FieldResolver(() => [SecretVersion], {
    description: "The stored values' history, newest first (metadata only, never a value).",
  })
  versions(
    @Root() secret: Secret,
    @Ctx() { loaders }: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 20, nullable: true }) first = 20,
  ): Promise<SecretVersion[]> {
    return loaders.secretVersions.load({ id: secret.id, first });
  }
}

@Resolver(() => SecretVersion)
export class SecretVersionResolver {
  /** Null once its author's user is deleted, or when nobody is known (a value older than versions). */
  @FieldResolver(() => User, { nullable: true })
  createdBy(
    @Root() version: SecretVersion,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<User | null> {
    return version.createdById ? loaders.userById.load(version.createdById) : Promise.resolve(null);
  }
}
