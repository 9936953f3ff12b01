import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';

/** Append-only: the service inserts, nothing updates or deletes. Never holds a value. */
@ObjectType()
@Entity('audit_events')
export class AuditEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Field()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Field({
    description:
      'e.g. SECRET_CREATED, SECRET_UPDATED, SECRET_VALUE_REPLACED, SECRET_REVOKED, SECRET_DELETED, SECRET_USED, LOGIN_SUCCEEDED, LOGIN_FAILED',
  })
  @Column({ type: 'text' })
  action: string;

  @Field({ description: "The user's email or the API token's name." })
  @Column({ type: 'text' })
  actor: string;

  @Field()
  @Column({ name: 'target_type', type: 'text' })
  targetType: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'target_name', type: 'text', nullable: true })
  targetName: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  details: string | null;
}
