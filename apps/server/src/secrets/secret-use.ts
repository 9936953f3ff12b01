import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SecretKind } from './secret-kind';

export type SecretUseCode = 'SECRET_NOT_FOUND' | 'SECRET_REVOKED' | 'SECRET_EXPIRED';

/** Who used a secret, for `lastUsedAt` and the audit log (S8). */
export interface SecretConsumer {
  type: 'CONNECTION' | 'WORKFLOW_RUN' | 'NOTIFICATION_CHANNEL';
  id: string;
  name: string;
}

/** Why a secret cannot be used, with a message that names it (W3). */
export interface SecretRefusal {
  code: SecretUseCode;
  message: string;
}

@ObjectType({ description: 'Which version of which secret a step sent.' })
export class SecretUse {
  @Field(() => ID)
  secretId: string;

  /** As the secret was named when it was used. */
  @Field()
  secretName: string;

  @Field(() => Int)
  version: number;
}

/**
 * What a use gives: the values, in the order asked for, each with the version it is (V4), or
 * why one can no longer be used.
 */
export type SecretUseOutcome = { values: string[]; used: SecretUse[] } | { refused: SecretRefusal };

const kindLabel = (kind: SecretKind) => (kind === SecretKind.WEBHOOK ? 'webhook' : 'integration');

/** W3: a message that names the secret and says what to do about it. */
export function secretUseMessage(
  code: SecretUseCode,
  kind: SecretKind,
  name: string,
  expiresAt?: Date | null,
): string {
  switch (code) {
    case 'SECRET_NOT_FOUND':
      return `No ${kindLabel(kind)} secret is named "${name}". Create it under Settings › Integrations › Secrets, or correct the reference.`;
    case 'SECRET_REVOKED':
      return `The ${kindLabel(kind)} secret "${name}" is revoked. Create a new secret and use it here instead.`;
    case 'SECRET_EXPIRED':
      return `The ${kindLabel(kind)} secret "${name}" expired${expiresAt ? ` on ${expiresAt.toISOString()}` : ''}. Extend its expiration date or create a new secret and use it here.`;
  }
}
