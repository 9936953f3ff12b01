import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';

/**
 * One stored value of a secret (V1). The ciphertext lives here only: the current value is
 * the version `Secret.valueVersion` names, so that one row, not two copies, is what a use
 * opens, a rewrap rewraps and a rollback restores. Rows never change once written, except
 * `lastUsedAt` and a rewrap's wrapped key; the `encrypted...` columns never reach a GraphQL
 * type. `createdBy` is a resolved field (secret-version.resolver.ts).
 */
@ObjectType({ description: 'One stored value of a secret. The value itself is never readable.' })
@Entity('secret_versions')
export class SecretVersion {
  @PrimaryColumn({ name: 'secret_id', type: 'uuid' })
  secretId: string;

  @Field(() => Int, {
    description: '1 for the first value; Secret.valueVersion names the current one.',
  })
  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ name: 'encrypted_value', type: 'bytea' })
  encryptedValue: Buffer;

  @Column({ name: 'encrypted_data_key', type: 'bytea' })
  encryptedDataKey: Buffer;

  @Column({ name: 'master_key_id', type: 'text' })
  masterKeyId: string;

  /**
   * Whether the version number is bound into the ciphertext as associated data. False only
   * for the values that the secret_versions migration found, which were sealed before
   * versions existed and are bound to the secret's id and kind alone.
   */
  @Column({ name: 'binds_version', type: 'boolean' })
  bindsVersion: boolean;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Set when rollbackSecret made this version: the version whose value it restored.',
  })
  @Column({ name: 'restored_from', type: 'integer', nullable: true })
  restoredFrom: number | null;

  @Field(() => Date, {
    nullable: true,
    description: 'The last time a step or connection test sent this version.',
  })
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  /** Read with the version (SecretVersions.versionsOf): whether it is the secret's value now. */
  @Field()
  current: boolean;
}
