import { graphql } from '@secrets/schema';

export const NotificationsDocument = graphql(`
  query WebNotifications {
    notifications(first: 30) {
      id
      secretId
      secretName
      secretKind
      message
      thresholdDays
      createdAt
      readAt
    }
  }
`);

export const MarkReadDocument = graphql(`
  mutation WebMarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

export const ExpiryWarningsDocument = graphql(`
  subscription WebExpiryWarnings {
    expiryWarnings {
      id
      secretId
      secretName
      secretKind
      message
    }
  }
`);

export const SecretEventsDocument = graphql(`
  subscription WebSecretEvents {
    secretEvents {
      type
      secretId
    }
  }
`);
