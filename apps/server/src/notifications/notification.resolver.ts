import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal, type GraphQLContext } from '../graphql/context';
import { SecretKind } from '../secrets/secret-kind';
import { Secret } from '../secrets/secret.entity';
import { ExpiryNotification } from './expiry-notification.entity';
import { Topic } from '../db/topics';

/** Read state is kept per user; a token without a user keeps its own. */
const readerOf = (principal: Principal) => principal.userId ?? principal.id;

@Resolver(() => ExpiryNotification)
export class NotificationResolver {
  @Authorized()
  @Query(() => [ExpiryNotification])
  notifications(
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false, nullable: true }) unreadOnly = false,
    @Arg('first', () => Int, { defaultValue: 50, nullable: true }) first = 50,
  ): Promise<ExpiryNotification[]> {
    return services.notifications.list(readerOf(principal), unreadOnly, first);
  }

  /** Allowed to VIEWERs too: reading changes only the reader's own state. */
  @Authorized()
  @Mutation(() => Int, { description: 'Returns how many were marked.' })
  markNotificationsRead(
    @Arg('ids', () => [ID]) ids: string[],
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<number> {
    return services.notifications.markRead(readerOf(principal), ids);
  }

  @Authorized()
  @Subscription(() => ExpiryNotification, {
    topics: Topic.EXPIRY_WARNING,
    filter: ({
      payload,
      args,
    }: {
      payload: ExpiryNotification;
      args: { kind?: SecretKind | null };
    }) => !args.kind || payload.secretKind === args.kind,
    description:
      "Raised once per secret, expiry date and warning window crossed, on every server replica's subscribers.",
  })
  expiryWarnings(
    @Root() notification: ExpiryNotification,
    @Arg('kind', () => SecretKind, { nullable: true }) _kind?: SecretKind | null,
  ): ExpiryNotification {
    return notification;
  }

  @FieldResolver(() => Secret, { nullable: true, description: 'Null once the secret is deleted.' })
  secret(
    @Root() notification: ExpiryNotification,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Secret | null> {
    return loaders.secretById.load(notification.secretId);
  }
}
