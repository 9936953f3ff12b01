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
} from 'type-graphql';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { CurrentPrincipal, type GraphQLContext } from '../graphql/context';
import { Secret } from '../secrets/secret.entity';
import { ExpiryNotification } from './expiry-notification.entity';
import { NotificationChannel, NotificationDelivery } from './notification-channel.entity';
import {
  CreateNotificationChannelInput,
  UpdateNotificationChannelInput,
} from './notification-channel.inputs';

/** N6: a VIEWER reads channels and their deliveries; changes and test sends are ADMIN's. */
@Resolver(() => NotificationChannel)
export class NotificationChannelResolver {
  @Authorized()
  @Query(() => [NotificationChannel])
  notificationChannels(@Ctx() { services }: GraphQLContext): Promise<NotificationChannel[]> {
    return services.notificationChannels.list();
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => NotificationChannel)
  createNotificationChannel(
    @Arg('input') input: CreateNotificationChannelInput,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<NotificationChannel> {
    return services.notificationChannels.create(input, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => NotificationChannel)
  updateNotificationChannel(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateNotificationChannelInput,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<NotificationChannel> {
    return services.notificationChannels.update(id, input, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ID, {
    description:
      'Refused with BAD_USER_INPUT while it has PENDING deliveries unless force is true.',
  })
  deleteNotificationChannel(
    @Arg('id', () => ID) id: string,
    @Arg('force', () => Boolean, { nullable: true, defaultValue: false }) force: boolean,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<string> {
    return services.notificationChannels.delete(id, force ?? false, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => NotificationDelivery, {
    description: 'Sends a test message through the channel now and returns its delivery.',
  })
  testNotificationChannel(
    @Arg('id', () => ID) id: string,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<NotificationDelivery> {
    return services.notificationChannels.test(id, principal);
  }

  @FieldResolver(() => Secret, {
    nullable: true,
    description:
      'SLACK: the secret whose value is the incoming-webhook URL. WEBHOOK: the secret whose value signs each body.',
  })
  secret(
    @Root() channel: NotificationChannel,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Secret | null> {
    return channel.secretId ? loaders.secretById.load(channel.secretId) : Promise.resolve(null);
  }

  @FieldResolver(() => [NotificationDelivery], { description: 'Newest first.' })
  deliveries(
    @Root() channel: NotificationChannel,
    @Ctx() { loaders }: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 20, nullable: true }) first = 20,
  ): Promise<NotificationDelivery[]> {
    return loaders.channelDeliveries.load({ id: channel.id, first });
  }
}

@Resolver(() => NotificationDelivery)
export class NotificationDeliveryResolver {
  @FieldResolver(() => ExpiryNotification, {
    nullable: true,
    description: 'Null for a test delivery.',
  })
  notification(
    @Root() delivery: NotificationDelivery,
    @Ctx() { services }: GraphQLContext,
  ): Promise<ExpiryNotification | null> {
    return delivery.notificationId
      ? services.notifications.get(delivery.notificationId)
      : Promise.resolve(null);
  }
}
