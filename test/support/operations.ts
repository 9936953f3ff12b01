import { graphql } from '@secrets/schema';

// The typed documents the API tests send; codegen.ts types them from the emitted schema.

export const SecretFields = graphql(`
  fragment SecretFields on Secret {
    id
    kind
    name
    description
    status
    expiresAt
    revokedAt
    createdAt
    updatedAt
    valueUpdatedAt
    valueVersion
    lastUsedAt
    reference
    allowedHosts
    createdBy {
      email
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      expiresAt
      user {
        id
        email
        role
      }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      id
      email
      role
    }
  }
`);

export const CreateSecretMutation = graphql(`
  mutation CreateSecret($input: CreateSecretInput!) {
    createSecret(input: $input) {
      ...SecretFields
    }
  }
`);

export const UpdateSecretMutation = graphql(`
  mutation UpdateSecret($id: ID!, $input: UpdateSecretInput!) {
    updateSecret(id: $id, input: $input) {
      ...SecretFields
    }
  }
`);

export const RevokeSecretMutation = graphql(`
  mutation RevokeSecret($id: ID!) {
    revokeSecret(id: $id) {
      ...SecretFields
    }
  }
`);

export const DeleteSecretMutation = graphql(`
  mutation DeleteSecret($id: ID!, $force: Boolean) {
    deleteSecret(id: $id, force: $force)
  }
`);

export const SecretQuery = graphql(`
  query Secret($id: ID!) {
    secret(id: $id) {
      ...SecretFields
    }
  }
`);

export const SecretsQuery = graphql(`
  query Secrets($filter: SecretFilter, $first: Int, $after: String) {
    secrets(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        id
        name
        kind
        status
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      email
      role
    }
  }
`);

export const UsersQuery = graphql(`
  query Users {
    users {
      id
      email
      role
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        name
        role
        expiresAt
      }
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`);

export const ApiTokensQuery = graphql(`
  query ApiTokens {
    apiTokens {
      id
      name
      role
      lastUsedAt
      revokedAt
    }
  }
`);

export const AuditEventsQuery = graphql(`
  query AuditEvents($filter: AuditFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        at
        action
        actor
        targetType
        targetId
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

export const ConnectionFields = graphql(`
  fragment ConnectionFields on Connection {
    id
    name
    provider
    baseUrl
    authScheme
    headerName
    status
    secret {
      id
      name
    }
  }
`);

export const CreateConnectionMutation = graphql(`
  mutation CreateConnection($input: CreateConnectionInput!) {
    createConnection(input: $input) {
      ...ConnectionFields
    }
  }
`);

export const UpdateConnectionMutation = graphql(`
  mutation UpdateConnection($id: ID!, $input: UpdateConnectionInput!) {
    updateConnection(id: $id, input: $input) {
      ...ConnectionFields
    }
  }
`);

export const DeleteConnectionMutation = graphql(`
  mutation DeleteConnection($id: ID!) {
    deleteConnection(id: $id)
  }
`);

export const ConnectionsQuery = graphql(`
  query Connections {
    connections {
      ...ConnectionFields
    }
  }
`);

export const TestConnectionMutation = graphql(`
  mutation TestConnection($id: ID!) {
    testConnection(id: $id) {
      ok
      httpStatus
      errorCode
      message
      durationMs
    }
  }
`);

export const WorkflowFields = graphql(`
  fragment WorkflowFields on Workflow {
    id
    name
    steps {
      id
      name
      method
      url
      headers {
        name
        value
      }
      body
      secretNames
    }
  }
`);

export const RunFields = graphql(`
  fragment RunFields on WorkflowRun {
    id
    status
    startedAt
    finishedAt
    workflow {
      id
    }
    steps {
      stepId
      name
      status
      httpStatus
      errorCode
      message
      responseBody
      durationMs
    }
  }
`);

export const CreateWorkflowMutation = graphql(`
  mutation CreateWorkflow($input: WorkflowInput!) {
    createWorkflow(input: $input) {
      ...WorkflowFields
    }
  }
`);

export const UpdateWorkflowMutation = graphql(`
  mutation UpdateWorkflow($id: ID!, $input: WorkflowInput!) {
    updateWorkflow(id: $id, input: $input) {
      ...WorkflowFields
    }
  }
`);

export const DeleteWorkflowMutation = graphql(`
  mutation DeleteWorkflow($id: ID!) {
    deleteWorkflow(id: $id)
  }
`);

export const WorkflowQuery = graphql(`
  query Workflow($id: ID!, $runs: Int) {
    workflow(id: $id) {
      ...WorkflowFields
      runs(first: $runs) {
        ...RunFields
      }
    }
  }
`);

export const RunWorkflowMutation = graphql(`
  mutation RunWorkflow($id: ID!) {
    runWorkflow(id: $id) {
      ...RunFields
    }
  }
`);

export const WorkflowRunQuery = graphql(`
  query WorkflowRun($id: ID!) {
    workflowRun(id: $id) {
      ...RunFields
    }
  }
`);

export const SecretDependentsQuery = graphql(`
  query SecretDependents($id: ID!) {
    secret(id: $id) {
      id
      name
      lastUsedAt
      dependents {
        __typename
        ... on Connection {
          id
          name
        }
        ... on Workflow {
          id
          name
        }
      }
    }
  }
`);

export const NotificationsQuery = graphql(`
  query Notifications($unreadOnly: Boolean, $first: Int) {
    notifications(unreadOnly: $unreadOnly, first: $first) {
      id
      secretId
      secretName
      secretKind
      expiresAt
      thresholdDays
      daysLeft
      message
      readAt
      secret {
        id
        status
      }
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);
