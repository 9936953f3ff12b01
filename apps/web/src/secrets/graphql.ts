import { graphql } from '@secrets/schema';

export const SecretRowFragment = graphql(`
  fragment WebSecretRow on Secret {
    id
    kind
    name
    description
    status
    expiresAt
    revokedAt
    lastUsedAt
    createdBy {
      id
      email
    }
  }
`);

export const SecretsListDocument = graphql(`
  query WebSecretsList($filter: SecretFilter, $first: Int, $after: String) {
    secrets(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        ...WebSecretRow
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const SecretDetailsDocument = graphql(`
  query WebSecretDetails($id: ID!, $historyFirst: Int, $historyAfter: String) {
    secret(id: $id) {
      ...WebSecretRow
      createdAt
      updatedAt
      valueUpdatedAt
      valueVersion
      reference
      allowedHosts
      versions {
        version
        current
        createdAt
        createdBy {
          id
          email
        }
        restoredFrom
        lastUsedAt
      }
      dependents {
        __typename
        ... on Connection {
          id
          name
          provider
        }
        ... on Workflow {
          id
          name
        }
        ... on NotificationChannel {
          id
          name
        }
      }
    }
    auditEvents(filter: { targetId: $id }, first: $historyFirst, after: $historyAfter) {
      nodes {
        id
        at
        action
        actor
        details
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const CreateSecretDocument = graphql(`
  mutation WebCreateSecret($input: CreateSecretInput!) {
    createSecret(input: $input) {
      ...WebSecretRow
      reference
    }
  }
`);

export const UpdateSecretDocument = graphql(`
  mutation WebUpdateSecret($id: ID!, $input: UpdateSecretInput!) {
    updateSecret(id: $id, input: $input) {
      ...WebSecretRow
      updatedAt
      valueUpdatedAt
      valueVersion
      reference
      allowedHosts
    }
  }
`);

export const RollbackSecretDocument = graphql(`
  mutation WebRollbackSecret($id: ID!, $version: Int!, $expectedValueVersion: Int) {
    rollbackSecret(id: $id, version: $version, expectedValueVersion: $expectedValueVersion) {
      ...WebSecretRow
      updatedAt
      valueUpdatedAt
      valueVersion
    }
  }
`);

export const RevokeSecretDocument = graphql(`
  mutation WebRevokeSecret($id: ID!) {
    revokeSecret(id: $id) {
      ...WebSecretRow
      updatedAt
    }
  }
`);

export const DeleteSecretDocument = graphql(`
  mutation WebDeleteSecret($id: ID!, $force: Boolean) {
    deleteSecret(id: $id, force: $force)
  }
`);
