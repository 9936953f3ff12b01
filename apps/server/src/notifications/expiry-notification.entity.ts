import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SecretKind } from '../secrets/secret-kind';

/** One warning per (secret, expiresAt, window); `secret` and `readAt` are resolved fields. */
@ObjectType()
@Entity('notifications')
export class ExpiryNotification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'secret_id', type: 'uuid' })
  secretId: string;

  @Field()
  @Column({ name: 'secret_name', type: 'text' })
  secretName: string;

  @Field(() => SecretKind)
  @Column({ name: 'secret_kind', type: 'text' })
  secretKind: SecretKind;

  @Field()
  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Field(() => Int, {
    description:
      'The warning window crossed, in days before expiry; 0 means the secret has expired.',
  })
  @Column({ name: 'threshold_days', type: 'integer' })
  thresholdDays: number;

  @Field(() => Int, { description: 'Whole days left when it was raised; 0 once expired.' })
  @Column({ name: 'days_left', type: 'integer' })
  daysLeft: number;

  @Field()
  @Column({ type: 'text' })
  message: string;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When the calling user read it: read state is each user's own, so this is no column. */
  @Field(() => Date, { nullable: true })
  readAt?: Date | null;
}
