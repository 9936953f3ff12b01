import { registerEnumType } from 'type-graphql';

export enum SecretKind {
  INTEGRATION = 'INTEGRATION',
  WEBHOOK = 'WEBHOOK',
}

export enum SecretStatus {
  ACTIVE = 'ACTIVE',
  EXPIRING = 'EXPIRING',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

registerEnumType(SecretKind, {
  name: 'SecretKind',
  valuesConfig: {
    INTEGRATION: { description: 'Authenticates a persistent connection to an external platform.' },
    WEBHOOK: { description: 'Referenced as {secret:NAME} in HTTP Request step header values.' },
  },
});

registerEnumType(SecretStatus, {
  name: 'SecretStatus',
  valuesConfig: {
    EXPIRING: { description: 'Active, and expiresAt falls inside the widest warning window.' },
    EXPIRED: {
      description:
        'expiresAt has passed: the value can no longer be used until the date is extended or the value replaced.',
    },
    REVOKED: { description: 'Disabled for good; kept for the record.' },
  },
});
