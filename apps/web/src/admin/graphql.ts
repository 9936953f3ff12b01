import { graphql } from '@secrets/schema';

export const AuditEventsDocument = graphql(`
  query WebAuditEvents($filter: AuditFilter, $after: String) {
    auditEvents(filter: $filter, first: 50, after: $after) {
      nodes {
        id
        at
        action
        actor
        targetType
        targetName
        details
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const ApiTokensDocument = graphql(`
  query WebApiTokens {
    apiTokens {
      id
      name
      role
      createdAt
      expiresAt
      lastUsedAt
      revokedAt
    }
  }
`);

export const CreateApiTokenDocument = graphql(`
  mutation WebCreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
      }
    }
  }
`);

export const RevokeApiTokenDocument = graphql(`
  mutation WebRevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`);

export const UsersDocument = graphql(`
  query WebUsers {
    users {
      id
      email
      role
      createdAt
    }
  }
`);

export const CreateUserDocument = graphql(`
  mutation WebCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
    }
  }
`);
