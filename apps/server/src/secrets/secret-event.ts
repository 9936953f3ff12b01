import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Secret } from './secret.entity';

export enum SecretEventType {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  REVOKED = 'REVOKED',
  DELETED = 'DELETED',
}
registerEnumType(SecretEventType, { name: 'SecretEventType' });

@ObjectType()
export class SecretEvent {
  @Field(() => SecretEventType)
  type: SecretEventType;

  @Field(() => ID)
  secretId: string;

  @Field(() => Secret, { nullable: true, description: 'Null for DELETED.' })
  secret: Secret | null;

  @Field()
  at: Date;

  /** Kept for the subscription's kind filter, also for DELETED. */
  kind: Secret['kind'];
}

/** What travels over NOTIFY: small, and never the value. */
export interface SecretEventMessage {
  type: SecretEventType;
  secretId: string;
  kind: Secret['kind'];
  at: string;
}
