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
};
const documents: Documents = {
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

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;