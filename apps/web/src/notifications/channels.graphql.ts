import { graphql } from '@secrets/schema';

export const NotificationChannelsDocument = graphql(`
  query WebNotificationChannels($first: Int = 20) {
    notificationChannels {
      id
      name
      type
      emailTo
      url
      kind
      enabled
      createdAt
      updatedAt
      secret {
        id
        name
        status
      }
      deliveries(first: $first) {
        ...WebDelivery
      }
    }
  }
`);

export const DeliveryFragment = graphql(`
  fragment WebDelivery on NotificationDelivery {
    id
    channelId
    status
    attempts
    lastError
    createdAt
    deliveredAt
    notification {
      id
      secretName
      thresholdDays
    }
  }
`);

export const CreateNotificationChannelDocument = graphql(`
  mutation WebCreateNotificationChannel($input: CreateNotificationChannelInput!) {
    createNotificationChannel(input: $input) {
      id
      name
      type
      emailTo
      url
      kind
      enabled
      secret {
        id
        name
      }
    }
  }
`);

export const UpdateNotificationChannelDocument = graphql(`
  mutation WebUpdateNotificationChannel($id: ID!, $input: UpdateNotificationChannelInput!) {
    updateNotificationChannel(id: $id, input: $input) {
      id
      name
      emailTo
      url
      kind
      enabled
      secret {
        id
        name
      }
    }
  }
`);

export const DeleteNotificationChannelDocument = graphql(`
  mutation WebDeleteNotificationChannel($id: ID!, $force: Boolean) {
    deleteNotificationChannel(id: $id, force: $force)
  }
`);

export const TestNotificationChannelDocument = graphql(`
  mutation WebTestNotificationChannel($id: ID!) {
    testNotificationChannel(id: $id) {
      ...WebDelivery
    }
  }
`);

/** The secrets a SLACK or WEBHOOK channel may use: usable webhook secrets. */
export const ChannelSecretOptionsDocument = graphql(`
  query WebChannelSecretOptions {
    secrets(filter: { kind: WEBHOOK, status: [ACTIVE, EXPIRING] }, first: 100) {
      nodes {
        id
        name
        status
      }
    }
  }
`);
