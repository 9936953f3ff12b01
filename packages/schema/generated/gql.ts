/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query WebMe {\n    me {\n      id\n      email\n      role\n    }\n  }\n": typeof types.WebMeDocument,
    "\n  mutation WebLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n": typeof types.WebLoginDocument,
    "\n  mutation WebLogout {\n    logout\n  }\n": typeof types.WebLogoutDocument,
    "\n  fragment SecretFields on Secret {\n    id\n    kind\n    name\n    description\n    status\n    expiresAt\n    revokedAt\n    createdAt\n    updatedAt\n    valueUpdatedAt\n    valueVersion\n    lastUsedAt\n    reference\n    allowedHosts\n    createdBy {\n      email\n    }\n  }\n": typeof types.SecretFieldsFragmentDoc,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      role\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation CreateSecret($input: CreateSecretInput!) {\n    createSecret(input: $input) {\n      ...SecretFields\n    }\n  }\n": typeof types.CreateSecretDocument,
    "\n  mutation UpdateSecret($id: ID!, $input: UpdateSecretInput!) {\n    updateSecret(id: $id, input: $input) {\n      ...SecretFields\n    }\n  }\n": typeof types.UpdateSecretDocument,
    "\n  mutation RevokeSecret($id: ID!) {\n    revokeSecret(id: $id) {\n      ...SecretFields\n    }\n  }\n": typeof types.RevokeSecretDocument,
    "\n  mutation DeleteSecret($id: ID!, $force: Boolean) {\n    deleteSecret(id: $id, force: $force)\n  }\n": typeof types.DeleteSecretDocument,
    "\n  query Secret($id: ID!) {\n    secret(id: $id) {\n      ...SecretFields\n    }\n  }\n": typeof types.SecretDocument,
    "\n  query Secrets($filter: SecretFilter, $first: Int, $after: String) {\n    secrets(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        id\n        name\n        kind\n        status\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.SecretsDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      role\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  query Users {\n    users {\n      id\n      email\n      role\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n        role\n        expiresAt\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      role\n      lastUsedAt\n      revokedAt\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  query AuditEvents($filter: AuditFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        at\n        action\n        actor\n        targetType\n        targetId\n        targetName\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AuditEventsDocument,
    "\n  fragment ConnectionFields on Connection {\n    id\n    name\n    provider\n    baseUrl\n    authScheme\n    headerName\n    status\n    secret {\n      id\n      name\n    }\n  }\n": typeof types.ConnectionFieldsFragmentDoc,
    "\n  mutation CreateConnection($input: CreateConnectionInput!) {\n    createConnection(input: $input) {\n      ...ConnectionFields\n    }\n  }\n": typeof types.CreateConnectionDocument,
    "\n  mutation UpdateConnection($id: ID!, $input: UpdateConnectionInput!) {\n    updateConnection(id: $id, input: $input) {\n      ...ConnectionFields\n    }\n  }\n": typeof types.UpdateConnectionDocument,
    "\n  mutation DeleteConnection($id: ID!) {\n    deleteConnection(id: $id)\n  }\n": typeof types.DeleteConnectionDocument,
    "\n  query Connections {\n    connections {\n      ...ConnectionFields\n    }\n  }\n": typeof types.ConnectionsDocument,
    "\n  mutation TestConnection($id: ID!) {\n    testConnection(id: $id) {\n      ok\n      httpStatus\n      errorCode\n      message\n      durationMs\n    }\n  }\n": typeof types.TestConnectionDocument,
    "\n  fragment WorkflowFields on Workflow {\n    id\n    name\n    steps {\n      id\n      name\n      method\n      url\n      headers {\n        name\n        value\n      }\n      body\n      secretNames\n    }\n  }\n": typeof types.WorkflowFieldsFragmentDoc,
    "\n  fragment RunFields on WorkflowRun {\n    id\n    status\n    startedAt\n    finishedAt\n    workflow {\n      id\n    }\n    steps {\n      stepId\n      name\n      status\n      httpStatus\n      errorCode\n      message\n      responseBody\n      durationMs\n    }\n  }\n": typeof types.RunFieldsFragmentDoc,
    "\n  mutation CreateWorkflow($input: WorkflowInput!) {\n    createWorkflow(input: $input) {\n      ...WorkflowFields\n    }\n  }\n": typeof types.CreateWorkflowDocument,
    "\n  mutation UpdateWorkflow($id: ID!, $input: WorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      ...WorkflowFields\n    }\n  }\n": typeof types.UpdateWorkflowDocument,
    "\n  mutation DeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id)\n  }\n": typeof types.DeleteWorkflowDocument,
    "\n  query Workflow($id: ID!, $runs: Int) {\n    workflow(id: $id) {\n      ...WorkflowFields\n      runs(first: $runs) {\n        ...RunFields\n      }\n    }\n  }\n": typeof types.WorkflowDocument,
    "\n  mutation RunWorkflow($id: ID!) {\n    runWorkflow(id: $id) {\n      ...RunFields\n    }\n  }\n": typeof types.RunWorkflowDocument,
    "\n  query WorkflowRun($id: ID!) {\n    workflowRun(id: $id) {\n      ...RunFields\n    }\n  }\n": typeof types.WorkflowRunDocument,
    "\n  query SecretDependents($id: ID!) {\n    secret(id: $id) {\n      id\n      name\n      lastUsedAt\n      dependents {\n        __typename\n        ... on Connection {\n          id\n          name\n        }\n        ... on Workflow {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.SecretDependentsDocument,
    "\n  query Notifications($unreadOnly: Boolean, $first: Int) {\n    notifications(unreadOnly: $unreadOnly, first: $first) {\n      id\n      secretId\n      secretName\n      secretKind\n      expiresAt\n      thresholdDays\n      daysLeft\n      message\n      readAt\n      secret {\n        id\n        status\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n": typeof types.MarkNotificationsReadDocument,
};
const documents: Documents = {
    "\n  query WebMe {\n    me {\n      id\n      email\n      role\n    }\n  }\n": types.WebMeDocument,
    "\n  mutation WebLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n": types.WebLoginDocument,
    "\n  mutation WebLogout {\n    logout\n  }\n": types.WebLogoutDocument,
    "\n  fragment SecretFields on Secret {\n    id\n    kind\n    name\n    description\n    status\n    expiresAt\n    revokedAt\n    createdAt\n    updatedAt\n    valueUpdatedAt\n    valueVersion\n    lastUsedAt\n    reference\n    allowedHosts\n    createdBy {\n      email\n    }\n  }\n": types.SecretFieldsFragmentDoc,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      role\n    }\n  }\n": types.MeDocument,
    "\n  mutation CreateSecret($input: CreateSecretInput!) {\n    createSecret(input: $input) {\n      ...SecretFields\n    }\n  }\n": types.CreateSecretDocument,
    "\n  mutation UpdateSecret($id: ID!, $input: UpdateSecretInput!) {\n    updateSecret(id: $id, input: $input) {\n      ...SecretFields\n    }\n  }\n": types.UpdateSecretDocument,
    "\n  mutation RevokeSecret($id: ID!) {\n    revokeSecret(id: $id) {\n      ...SecretFields\n    }\n  }\n": types.RevokeSecretDocument,
    "\n  mutation DeleteSecret($id: ID!, $force: Boolean) {\n    deleteSecret(id: $id, force: $force)\n  }\n": types.DeleteSecretDocument,
    "\n  query Secret($id: ID!) {\n    secret(id: $id) {\n      ...SecretFields\n    }\n  }\n": types.SecretDocument,
    "\n  query Secrets($filter: SecretFilter, $first: Int, $after: String) {\n    secrets(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        id\n        name\n        kind\n        status\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.SecretsDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      role\n    }\n  }\n": types.CreateUserDocument,
    "\n  query Users {\n    users {\n      id\n      email\n      role\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n        role\n        expiresAt\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      role\n      lastUsedAt\n      revokedAt\n    }\n  }\n": types.ApiTokensDocument,
    "\n  query AuditEvents($filter: AuditFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        at\n        action\n        actor\n        targetType\n        targetId\n        targetName\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.AuditEventsDocument,
    "\n  fragment ConnectionFields on Connection {\n    id\n    name\n    provider\n    baseUrl\n    authScheme\n    headerName\n    status\n    secret {\n      id\n      name\n    }\n  }\n": types.ConnectionFieldsFragmentDoc,
    "\n  mutation CreateConnection($input: CreateConnectionInput!) {\n    createConnection(input: $input) {\n      ...ConnectionFields\n    }\n  }\n": types.CreateConnectionDocument,
    "\n  mutation UpdateConnection($id: ID!, $input: UpdateConnectionInput!) {\n    updateConnection(id: $id, input: $input) {\n      ...ConnectionFields\n    }\n  }\n": types.UpdateConnectionDocument,
    "\n  mutation DeleteConnection($id: ID!) {\n    deleteConnection(id: $id)\n  }\n": types.DeleteConnectionDocument,
    "\n  query Connections {\n    connections {\n      ...ConnectionFields\n    }\n  }\n": types.ConnectionsDocument,
    "\n  mutation TestConnection($id: ID!) {\n    testConnection(id: $id) {\n      ok\n      httpStatus\n      errorCode\n      message\n      durationMs\n    }\n  }\n": types.TestConnectionDocument,
    "\n  fragment WorkflowFields on Workflow {\n    id\n    name\n    steps {\n      id\n      name\n      method\n      url\n      headers {\n        name\n        value\n      }\n      body\n      secretNames\n    }\n  }\n": types.WorkflowFieldsFragmentDoc,
    "\n  fragment RunFields on WorkflowRun {\n    id\n    status\n    startedAt\n    finishedAt\n    workflow {\n      id\n    }\n    steps {\n      stepId\n      name\n      status\n      httpStatus\n      errorCode\n      message\n      responseBody\n      durationMs\n    }\n  }\n": types.RunFieldsFragmentDoc,
    "\n  mutation CreateWorkflow($input: WorkflowInput!) {\n    createWorkflow(input: $input) {\n      ...WorkflowFields\n    }\n  }\n": types.CreateWorkflowDocument,
    "\n  mutation UpdateWorkflow($id: ID!, $input: WorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      ...WorkflowFields\n    }\n  }\n": types.UpdateWorkflowDocument,
    "\n  mutation DeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id)\n  }\n": types.DeleteWorkflowDocument,
    "\n  query Workflow($id: ID!, $runs: Int) {\n    workflow(id: $id) {\n      ...WorkflowFields\n      runs(first: $runs) {\n        ...RunFields\n      }\n    }\n  }\n": types.WorkflowDocument,
    "\n  mutation RunWorkflow($id: ID!) {\n    runWorkflow(id: $id) {\n      ...RunFields\n    }\n  }\n": types.RunWorkflowDocument,
    "\n  query WorkflowRun($id: ID!) {\n    workflowRun(id: $id) {\n      ...RunFields\n    }\n  }\n": types.WorkflowRunDocument,
    "\n  query SecretDependents($id: ID!) {\n    secret(id: $id) {\n      id\n      name\n      lastUsedAt\n      dependents {\n        __typename\n        ... on Connection {\n          id\n          name\n        }\n        ... on Workflow {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.SecretDependentsDocument,
    "\n  query Notifications($unreadOnly: Boolean, $first: Int) {\n    notifications(unreadOnly: $unreadOnly, first: $first) {\n      id\n      secretId\n      secretName\n      secretKind\n      expiresAt\n      thresholdDays\n      daysLeft\n      message\n      readAt\n      secret {\n        id\n        status\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n": types.MarkNotificationsReadDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebMe {\n    me {\n      id\n      email\n      role\n    }\n  }\n"): (typeof documents)["\n  query WebMe {\n    me {\n      id\n      email\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebLogout {\n    logout\n  }\n"): (typeof documents)["\n  mutation WebLogout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SecretFields on Secret {\n    id\n    kind\n    name\n    description\n    status\n    expiresAt\n    revokedAt\n    createdAt\n    updatedAt\n    valueUpdatedAt\n    valueVersion\n    lastUsedAt\n    reference\n    allowedHosts\n    createdBy {\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment SecretFields on Secret {\n    id\n    kind\n    name\n    description\n    status\n    expiresAt\n    revokedAt\n    createdAt\n    updatedAt\n    valueUpdatedAt\n    valueVersion\n    lastUsedAt\n    reference\n    allowedHosts\n    createdBy {\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      email\n      role\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      email\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSecret($input: CreateSecretInput!) {\n    createSecret(input: $input) {\n      ...SecretFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSecret($input: CreateSecretInput!) {\n    createSecret(input: $input) {\n      ...SecretFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSecret($id: ID!, $input: UpdateSecretInput!) {\n    updateSecret(id: $id, input: $input) {\n      ...SecretFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSecret($id: ID!, $input: UpdateSecretInput!) {\n    updateSecret(id: $id, input: $input) {\n      ...SecretFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSecret($id: ID!) {\n    revokeSecret(id: $id) {\n      ...SecretFields\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeSecret($id: ID!) {\n    revokeSecret(id: $id) {\n      ...SecretFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSecret($id: ID!, $force: Boolean) {\n    deleteSecret(id: $id, force: $force)\n  }\n"): (typeof documents)["\n  mutation DeleteSecret($id: ID!, $force: Boolean) {\n    deleteSecret(id: $id, force: $force)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Secret($id: ID!) {\n    secret(id: $id) {\n      ...SecretFields\n    }\n  }\n"): (typeof documents)["\n  query Secret($id: ID!) {\n    secret(id: $id) {\n      ...SecretFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Secrets($filter: SecretFilter, $first: Int, $after: String) {\n    secrets(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        id\n        name\n        kind\n        status\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query Secrets($filter: SecretFilter, $first: Int, $after: String) {\n    secrets(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        id\n        name\n        kind\n        status\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users {\n    users {\n      id\n      email\n      role\n    }\n  }\n"): (typeof documents)["\n  query Users {\n    users {\n      id\n      email\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n        role\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n        role\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      role\n      lastUsedAt\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      role\n      lastUsedAt\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEvents($filter: AuditFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        at\n        action\n        actor\n        targetType\n        targetId\n        targetName\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEvents($filter: AuditFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        at\n        action\n        actor\n        targetType\n        targetId\n        targetName\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConnectionFields on Connection {\n    id\n    name\n    provider\n    baseUrl\n    authScheme\n    headerName\n    status\n    secret {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ConnectionFields on Connection {\n    id\n    name\n    provider\n    baseUrl\n    authScheme\n    headerName\n    status\n    secret {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateConnection($input: CreateConnectionInput!) {\n    createConnection(input: $input) {\n      ...ConnectionFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateConnection($input: CreateConnectionInput!) {\n    createConnection(input: $input) {\n      ...ConnectionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateConnection($id: ID!, $input: UpdateConnectionInput!) {\n    updateConnection(id: $id, input: $input) {\n      ...ConnectionFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateConnection($id: ID!, $input: UpdateConnectionInput!) {\n    updateConnection(id: $id, input: $input) {\n      ...ConnectionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteConnection($id: ID!) {\n    deleteConnection(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteConnection($id: ID!) {\n    deleteConnection(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Connections {\n    connections {\n      ...ConnectionFields\n    }\n  }\n"): (typeof documents)["\n  query Connections {\n    connections {\n      ...ConnectionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestConnection($id: ID!) {\n    testConnection(id: $id) {\n      ok\n      httpStatus\n      errorCode\n      message\n      durationMs\n    }\n  }\n"): (typeof documents)["\n  mutation TestConnection($id: ID!) {\n    testConnection(id: $id) {\n      ok\n      httpStatus\n      errorCode\n      message\n      durationMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkflowFields on Workflow {\n    id\n    name\n    steps {\n      id\n      name\n      method\n      url\n      headers {\n        name\n        value\n      }\n      body\n      secretNames\n    }\n  }\n"): (typeof documents)["\n  fragment WorkflowFields on Workflow {\n    id\n    name\n    steps {\n      id\n      name\n      method\n      url\n      headers {\n        name\n        value\n      }\n      body\n      secretNames\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunFields on WorkflowRun {\n    id\n    status\n    startedAt\n    finishedAt\n    workflow {\n      id\n    }\n    steps {\n      stepId\n      name\n      status\n      httpStatus\n      errorCode\n      message\n      responseBody\n      durationMs\n    }\n  }\n"): (typeof documents)["\n  fragment RunFields on WorkflowRun {\n    id\n    status\n    startedAt\n    finishedAt\n    workflow {\n      id\n    }\n    steps {\n      stepId\n      name\n      status\n      httpStatus\n      errorCode\n      message\n      responseBody\n      durationMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWorkflow($input: WorkflowInput!) {\n    createWorkflow(input: $input) {\n      ...WorkflowFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWorkflow($input: WorkflowInput!) {\n    createWorkflow(input: $input) {\n      ...WorkflowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWorkflow($id: ID!, $input: WorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      ...WorkflowFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateWorkflow($id: ID!, $input: WorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      ...WorkflowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workflow($id: ID!, $runs: Int) {\n    workflow(id: $id) {\n      ...WorkflowFields\n      runs(first: $runs) {\n        ...RunFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Workflow($id: ID!, $runs: Int) {\n    workflow(id: $id) {\n      ...WorkflowFields\n      runs(first: $runs) {\n        ...RunFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunWorkflow($id: ID!) {\n    runWorkflow(id: $id) {\n      ...RunFields\n    }\n  }\n"): (typeof documents)["\n  mutation RunWorkflow($id: ID!) {\n    runWorkflow(id: $id) {\n      ...RunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowRun($id: ID!) {\n    workflowRun(id: $id) {\n      ...RunFields\n    }\n  }\n"): (typeof documents)["\n  query WorkflowRun($id: ID!) {\n    workflowRun(id: $id) {\n      ...RunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretDependents($id: ID!) {\n    secret(id: $id) {\n      id\n      name\n      lastUsedAt\n      dependents {\n        __typename\n        ... on Connection {\n          id\n          name\n        }\n        ... on Workflow {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SecretDependents($id: ID!) {\n    secret(id: $id) {\n      id\n      name\n      lastUsedAt\n      dependents {\n        __typename\n        ... on Connection {\n          id\n          name\n        }\n        ... on Workflow {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($unreadOnly: Boolean, $first: Int) {\n    notifications(unreadOnly: $unreadOnly, first: $first) {\n      id\n      secretId\n      secretName\n      secretKind\n      expiresAt\n      thresholdDays\n      daysLeft\n      message\n      readAt\n      secret {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query Notifications($unreadOnly: Boolean, $first: Int) {\n    notifications(unreadOnly: $unreadOnly, first: $first) {\n      id\n      secretId\n      secretName\n      secretKind\n      expiresAt\n      thresholdDays\n      daysLeft\n      message\n      readAt\n      secret {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;