import { graphql } from '@secrets/schema';

export const ConnectionRowFragment = graphql(`
  fragment WebConnectionRow on Connection {
    id
    name
    provider
    baseUrl
    authScheme
    headerName
    status
    updatedAt
    secret {
      id
      name
      status
    }
  }
`);

export const ConnectionsListDocument = graphql(`
  query WebConnectionsList {
    connections {
      ...WebConnectionRow
    }
  }
`);

// Usable integration secrets only: a revoked or expired one cannot back a connection.
export const ConnectionSecretOptionsDocument = graphql(`
  query WebConnectionSecretOptions {
    secrets(filter: { kind: INTEGRATION, status: [ACTIVE, EXPIRING] }, first: 100) {
      nodes {
        id
        name
        status
      }
    }
  }
`);

export const CreateConnectionDocument = graphql(`
  mutation WebCreateConnection($input: CreateConnectionInput!) {
    createConnection(input: $input) {
      ...WebConnectionRow
    }
  }
`);

export const UpdateConnectionDocument = graphql(`
  mutation WebUpdateConnection($id: ID!, $input: UpdateConnectionInput!) {
    updateConnection(id: $id, input: $input) {
      ...WebConnectionRow
    }
  }
`);

export const DeleteConnectionDocument = graphql(`
  mutation WebDeleteConnection($id: ID!) {
    deleteConnection(id: $id)
  }
`);

export const TestConnectionDocument = graphql(`
  mutation WebTestConnection($id: ID!) {
    testConnection(id: $id) {
      ok
      httpStatus
      durationMs
      errorCode
      message
    }
  }
`);
