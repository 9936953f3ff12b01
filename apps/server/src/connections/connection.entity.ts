import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Secret } from '../secrets/secret.entity';

export enum ConnectionAuthScheme {
  BEARER = 'BEARER',
  BASIC = 'BASIC',
  HEADER = 'HEADER',
}

export enum ConnectionStatus {
  READY = 'READY',
  SECRET_EXPIRED = 'SECRET_EXPIRED',
  SECRET_REVOKED = 'SECRET_REVOKED',
  SECRET_MISSING = 'SECRET_MISSING',
}

registerEnumType(ConnectionAuthScheme, {
  name: 'ConnectionAuthScheme',
  valuesConfig: {
    BEARER: { description: 'Authorization: Bearer <value>' },
    BASIC: { description: 'Authorization: Basic base64(<value>), the value being user:password' },
    HEADER: { description: '<headerName>: <value>' },
  },
});
registerEnumType(ConnectionStatus, { name: 'ConnectionStatus' });

/** A persistent connection to an external platform, authenticated by an INTEGRATION secret. */
@ObjectType()
@Entity('connections')
export class Connection {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'The external platform, e.g. jira, github, slack.' })
  @Column({ type: 'text' })
  provider: string;

  @Field({ description: 'An https:// URL; testConnection sends GET to it.' })
  @Column({ name: 'base_url', type: 'text' })
  baseUrl: string;

  @Field(() => ConnectionAuthScheme)
  @Column({ name: 'auth_scheme', type: 'text' })
  authScheme: ConnectionAuthScheme;

  @Field(() => String, { nullable: true })
  @Column({ name: 'header_name', type: 'text', nullable: true })
  headerName: string | null;

  /** Null once the secret was deleted with force. */
  @Column({ name: 'secret_id', type: 'uuid', nullable: true })
  secretId: string | null;

  /**
   * Undefined when not loaded (a secret's dependents); the GraphQL field then loads it
   * (connection.resolver.ts).
   */
  @Field(() => Secret, { nullable: true, description: 'An INTEGRATION secret.' })
  @ManyToOne(() => Secret, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'secret_id' })
  secret?: Relation<Secret> | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
