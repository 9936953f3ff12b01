import { registerEnumType } from 'type-graphql';

export enum Role {
  ADMIN = 'ADMIN',
  VIEWER = 'VIEWER',
}

registerEnumType(Role, {
  name: 'Role',
  valuesConfig: {
    ADMIN: { description: 'May do everything.' },
    VIEWER: {
      description:
        'May read metadata, notifications and the audit log; may not change anything or run workflows.',
    },
  },
});
