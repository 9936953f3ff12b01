import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SecretKind } from '../secrets/secret-kind';

export enum NotificationChannelType {
  EMAIL = 'EMAIL',
  SLACK = 'SLACK',
  WEBHOOK = 'WEBHOOK',
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

registerEnumType(NotificationChannelType, {
  name: 'NotificationChannelType',
  valuesConfig: {
    EMAIL: {
      description: 'Email to emailTo through the SMTP server named by SMTP_URL (sender SMTP_FROM).',
    },
    SLACK: {
      description:
        'POST {"text": message} (Slack\'s incoming-webhook format) to the URL that is the value of a WEBHOOK secret.',
    },
    WEBHOOK: {
      description:
        "POST the reminder as JSON to url, signed with a WEBHOOK secret's value: header X-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>.",
    },
  },
});
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  valuesConfig: { FAILED: { description: 'Every attempt failed; lastError says why.' } },
});

/** Where expiry reminders go besides the admin app (issue 15). */
@ObjectType()
@Entity('notification_channels')
export class NotificationChannel {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => NotificationChannelType)
  @Column({ type: 'text' })
  type: NotificationChannelType;

  @Field(() => [String], { description: 'EMAIL: the recipients.' })
  @Column({ name: 'email_to', type: 'text', array: true })
  emailTo: string[];

  @Field(() => String, { nullable: true, description: 'WEBHOOK: the https:// URL posted to.' })
  @Column({ type: 'text', nullable: true })
  url: string | null;

  /** SLACK and WEBHOOK; null once the secret was deleted with force. `secret` is resolved. */
  @Column({ name: 'secret_id', type: 'uuid', nullable: true })
  secretId: string | null;

  @Field(() => SecretKind, {
    nullable: true,
    description: 'Only reminders of secrets of this kind; null for both kinds.',
  })
  @Column({ type: 'text', nullable: true })
  kind: SecretKind | null;

  @Field()
  @Column({ type: 'boolean' })
  enabled: boolean;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One (notification, channel) of the outbox, or a test send (no notification). */
@ObjectType()
@Entity('notification_deliveries')
export class NotificationDelivery {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'channel_id', type: 'uuid' })
  channelId: string;

  /** `notification` is resolved from it. */
  @Column({ name: 'notification_id', type: 'uuid', nullable: true })
  notificationId: string | null;

  @Field(() => DeliveryStatus)
  @Column({ type: 'text' })
  status: DeliveryStatus;

  @Field(() => Int)
  @Column({ type: 'integer' })
  attempts: number;

  @Field(() => String, { nullable: true })
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'lease_token', type: 'uuid', nullable: true })
  leaseToken: string | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
