import { Field, ID, InputType } from 'type-graphql';
import { SecretKind } from '../secrets/secret-kind';
import { NotificationChannelType } from './notification-channel.entity';

// Rules (addresses, https, the secret's kind, which fields each type takes) are the service's.

@InputType()
export class CreateNotificationChannelInput {
  @Field()
  name: string;

  @Field(() => NotificationChannelType)
  type: NotificationChannelType;

  @Field(() => [String], { nullable: true })
  emailTo?: string[] | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => ID, { nullable: true })
  secretId?: string | null;

  @Field(() => SecretKind, { nullable: true })
  kind?: SecretKind | null;
}

@InputType({ description: 'Absent fields stay as they are.' })
export class UpdateNotificationChannelInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [String], { nullable: true })
  emailTo?: string[] | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => ID, { nullable: true })
  secretId?: string | null;

  @Field(() => SecretKind, { nullable: true })
  kind?: SecretKind | null;

  @Field(() => Boolean, { nullable: true })
  enabled?: boolean | null;
}
