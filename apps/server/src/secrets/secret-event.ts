import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { SecretKind } from './secret-kind';
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

/** What travels over NOTIFY: small, and never the value. Parsed again on every replica. */
export const secretEventMessage = z.object({
  type: z.enum(SecretEventType),
  secretId: z.string(),
  kind: z.enum(SecretKind),
  at: z.iso.datetime(),
});

export type SecretEventMessage = z.infer<typeof secretEventMessage>;
