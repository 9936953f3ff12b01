import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity';
import { SecretKind } from './secret-kind';

/**
 * One stored credential's metadata. Its values, current and earlier, are SecretVersion rows
 * (the ciphertext lives there only); `valueVersion` names the current one. `status`
 * (secret.resolver.ts), `dependents` (graphql/secret-dependent.ts) and `versions`
 * (secret-version.resolver.ts) are resolved fields.
 */
@ObjectType()
@Entity('secrets')
export class Secret {
  /** Chosen before encryption, since it is bound into the ciphertext as associated data. */
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id: string;

  @Field(() => SecretKind)
  @Column({ type: 'text' })
  kind: SecretKind;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3, nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field({ description: 'When the current value was stored (creation or replacement).' })
  @Column({ name: 'value_updated_at', type: 'timestamptz' })
  valueUpdatedAt: Date;

  @Field(() => Int, {
    description:
      '1 for the first value, incremented each time a new value is stored (an update with a value, or a rollback).',
  })
  @Column({ name: 'value_version', type: 'integer' })
  valueVersion: number;

  @Field(() => Date, {
    nullable: true,
    description: 'The last time a connection test or workflow run used the value.',
  })
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @Field(() => User, { nullable: true })
  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy: Relation<User> | null;

  @Field(() => [String], {
    description:
      'The hosts this value may be sent to (exact, or *.example.com); empty means any host.',
  })
  @Column({ name: 'allowed_hosts', type: 'text', array: true, default: '{}' })
  allowedHosts: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Webhook secrets only: the text to put in a header value, {secret:NAME}.',
  })
  get reference(): string | null {
    return this.kind === SecretKind.WEBHOOK ? `{secret:${this.name}}` : null;
  }
}
