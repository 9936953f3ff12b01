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
    "\n  query WebAuditEvents($filter: AuditFilter, $after: String) {\n    auditEvents(filter: $filter, first: 50, after: $after) {\n      nodes {\n        id\n        at\n        action\n        actor\n        targetType\n        targetName\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.WebAuditEventsDocument,
    "\n  query WebApiTokens {\n    apiTokens {\n      id\n      name\n      role\n      createdAt\n      expiresAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": typeof types.WebApiTokensDocument,
    "\n  mutation WebCreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n      }\n    }\n  }\n": typeof types.WebCreateApiTokenDocument,
    "\n  mutation WebRevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.WebRevokeApiTokenDocument,
    "\n  query WebUsers {\n    users {\n      id\n      email\n      role\n      createdAt\n    }\n  }\n": typeof types.WebUsersDocument,
    "\n  mutation WebCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n    }\n  }\n": typeof types.WebCreateUserDocument,
    "\n  query WebMe {\n    me {\n      id\n      email\n      role\n    }\n  }\n": typeof types.WebMeDocument,
    "\n  mutation WebLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n": typeof types.WebLoginDocument,
    "\n  mutation WebLogout {\n    logout\n  }\n": typeof types.WebLogoutDocument,
    "\n  fragment WebConnectionRow on Connection {\n    id\n    name\n    provider\n    baseUrl\n    authScheme\n    headerName\n    status\n    updatedAt\n    secret {\n      id\n      name\n      status\n    }\n  }\n": typeof types.WebConnectionRowFragmentDoc,
    "\n  query WebConnectionsList {\n    connections {\n      ...WebConnectionRow\n    }\n  }\n": typeof types.WebConnectionsListDocument,
    "\n  query WebConnectionSecretOptions {\n    secrets(filter: { kind: INTEGRATION, status: [ACTIVE, EXPIRING] }, first: 100) {\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n": typeof types.WebConnectionSecretOptionsDocument,
    "\n  mutation WebCreateConnection($input: CreateConnectionInput!) {\n    createConnection(input: $input) {\n      ...WebConnectionRow\n    }\n  }\n": typeof types.WebCreateConnectionDocument,
    "\n  mutation WebUpdateConnection($id: ID!, $input: UpdateConnectionInput!) {\n    updateConnection(id: $id, input: $input) {\n      ...WebConnectionRow\n    }\n  }\n": typeof types.WebUpdateConnectionDocument,
    "\n  mutation WebDeleteConnection($id: ID!) {\n    deleteConnection(id: $id)\n  }\n": typeof types.WebDeleteConnectionDocument,
    "\n  mutation WebTestConnection($id: ID!) {\n    testConnection(id: $id) {\n      ok\n      httpStatus\n      durationMs\n      errorCode\n      message\n    }\n  }\n": typeof types.WebTestConnectionDocument,
    "\n  query WebNotificationChannels($first: Int = 20) {\n    notificationChannels {\n      id\n      name\n      type\n      emailTo\n      url\n      kind\n      enabled\n      createdAt\n      updatedAt\n      secret {\n        id\n        name\n        status\n      }\n      deliveries(first: $first) {\n        ...WebDelivery\n      }\n    }\n  }\n": typeof types.WebNotificationChannelsDocument,
    "\n  fragment WebDelivery on NotificationDelivery {\n    id\n    channelId\n    status\n    attempts\n    lastError\n    createdAt\n    deliveredAt\n    notification {\n      id\n      secretName\n      thresholdDays\n    }\n  }\n": typeof types.WebDeliveryFragmentDoc,
    "\n  mutation WebCreateNotificationChannel($input: CreateNotificationChannelInput!) {\n    createNotificationChannel(input: $input) {\n      id\n      name\n      type\n      emailTo\n      url\n      kind\n      enabled\n      secret {\n        id\n        name\n      }\n    }\n  }\n": typeof types.WebCreateNotificationChannelDocument,
    "\n  mutation WebUpdateNotificationChannel($id: ID!, $input: UpdateNotificationChannelInput!) {\n    updateNotificationChannel(id: $id, input: $input) {\n      id\n      name\n      emailTo\n      url\n      kind\n      enabled\n      secret {\n        id\n        name\n      }\n    }\n  }\n": typeof types.WebUpdateNotificationChannelDocument,
    "\n  mutation WebDeleteNotificationChannel($id: ID!, $force: Boolean) {\n    deleteNotificationChannel(id: $id, force: $force)\n  }\n": typeof types.WebDeleteNotificationChannelDocument,
    "\n  mutation WebTestNotificationChannel($id: ID!) {\n    testNotificationChannel(id: $id) {\n      ...WebDelivery\n    }\n  }\n": typeof types.WebTestNotificationChannelDocument,
    "\n  query WebChannelSecretOptions {\n    secrets(filter: { kind: WEBHOOK, status: [ACTIVE, EXPIRING] }, first: 100) {\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n": typeof types.WebChannelSecretOptionsDocument,
    "\n  query WebNotifications {\n    notifications(first: 30) {\n      id\n      secretId\n      secretName\n      secretKind\n      message\n      thresholdDays\n      createdAt\n      readAt\n    }\n  }\n": typeof types.WebNotificationsDocument,
    "\n  mutation WebMarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n": typeof types.WebMarkNotificationsReadDocument,
    "\n  subscription WebExpiryWarnings {\n    expiryWarnings {\n      id\n      secretId\n      secretName\n      secretKind\n      message\n    }\n  }\n": typeof types.WebExpiryWarningsDocument,
    "\n  subscription WebSecretEvents {\n    secretEvents {\n      type\n      secretId\n    }\n  }\n": typeof types.WebSecretEventsDocument,
    "\n  fragment WebSecretRow on Secret {\n    id\n    kind\n    name\n    description\n    status\n    expiresAt\n    revokedAt\n    lastUsedAt\n    createdBy {\n      id\n      email\n    }\n  }\n": typeof types.WebSecretRowFragmentDoc,
    "\n  query WebSecretsList($filter: SecretFilter, $first: Int, $after: String) {\n    secrets(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...WebSecretRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.WebSecretsListDocument,
    "\n  query WebSecretDetails($id: ID!, $historyFirst: Int, $historyAfter: String) {\n    secret(id: $id) {\n      ...WebSecretRow\n      createdAt\n      updatedAt\n      valueUpdatedAt\n      valueVersion\n      reference\n      allowedHosts\n      versions {\n        version\n        current\n        createdAt\n        createdBy {\n          id\n          email\n        }\n        restoredFrom\n        lastUsedAt\n      }\n      dependents {\n        __typename\n        ... on Connection {\n          id\n          name\n          provider\n        }\n        ... on Workflow {\n          id\n          name\n        }\n        ... on NotificationChannel {\n          id\n          name\n        }\n      }\n    }\n    auditEvents(filter: { targetId: $id }, first: $historyFirst, after: $historyAfter) {\n      nodes {\n        id\n        at\n        action\n        actor\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.WebSecretDetailsDocument,
    "\n  mutation WebCreateSecret($input: CreateSecretInput!) {\n    createSecret(input: $input) {\n      ...WebSecretRow\n      reference\n    }\n  }\n": typeof types.WebCreateSecretDocument,
    "\n  mutation WebUpdateSecret($id: ID!, $input: UpdateSecretInput!) {\n    updateSecret(id: $id, input: $input) {\n      ...WebSecretRow\n      updatedAt\n      valueUpdatedAt\n      valueVersion\n      reference\n      allowedHosts\n    }\n  }\n": typeof types.WebUpdateSecretDocument,
    "\n  mutation WebRollbackSecret($id: ID!, $version: Int!, $expectedValueVersion: Int) {\n    rollbackSecret(id: $id, version: $version, expectedValueVersion: $expectedValueVersion) {\n      ...WebSecretRow\n      updatedAt\n      valueUpdatedAt\n      valueVersion\n    }\n  }\n": typeof types.WebRollbackSecretDocument,
    "\n  mutation WebRevokeSecret($id: ID!) {\n    revokeSecret(id: $id) {\n      ...WebSecretRow\n      updatedAt\n    }\n  }\n": typeof types.WebRevokeSecretDocument,
    "\n  mutation WebDeleteSecret($id: ID!, $force: Boolean) {\n    deleteSecret(id: $id, force: $force)\n  }\n": typeof types.WebDeleteSecretDocument,
    "\n  query WebWorkflowsList {\n    workflows {\n      id\n      name\n      updatedAt\n      steps {\n        secretNames\n      }\n      runs(first: 1) {\n        id\n        status\n        startedAt\n      }\n    }\n  }\n": typeof types.WebWorkflowsListDocument,
    "\n  fragment WebWorkflowDetails on Workflow {\n    id\n    name\n    updatedAt\n    steps {\n      id\n      name\n      method\n      url\n      body\n      secretNames\n      headers {\n        name\n        value\n      }\n    }\n  }\n": typeof types.WebWorkflowDetailsFragmentDoc,
    "\n  query WebWorkflow($id: ID!) {\n    workflow(id: $id) {\n      ...WebWorkflowDetails\n    }\n  }\n": typeof types.WebWorkflowDocument,
    "\n  fragment WebWorkflowRun on WorkflowRun {\n    id\n    status\n    startedAt\n    finishedAt\n    errorCode\n    message\n    steps {\n      stepId\n      name\n      status\n      httpStatus\n      errorCode\n      message\n      durationMs\n      responseBody\n      secretsUsed {\n        secretId\n        secretName\n        version\n      }\n    }\n  }\n": typeof types.WebWorkflowRunFragmentDoc,
    "\n  query WebWorkflowRuns($id: ID!) {\n    workflow(id: $id) {\n      id\n      runs(first: 20) {\n        id\n        status\n        startedAt\n        finishedAt\n        steps {\n          stepId\n          durationMs\n        }\n      }\n    }\n  }\n": typeof types.WebWorkflowRunsDocument,
    "\n  query WebWorkflowRun($id: ID!) {\n    workflowRun(id: $id) {\n      ...WebWorkflowRun\n    }\n  }\n": typeof types.WebWorkflowRunDocument,
    "\n  query WebWebhookSecretNames {\n    secrets(filter: { kind: WEBHOOK }, first: 100) {\n      totalCount\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n": typeof types.WebWebhookSecretNamesDocument,
    "\n  mutation WebCreateWorkflow($input: WorkflowInput!) {\n    createWorkflow(input: $input) {\n      ...WebWorkflowDetails\n    }\n  }\n": typeof types.WebCreateWorkflowDocument,
    "\n  mutation WebUpdateWorkflow($id: ID!, $input: WorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      ...WebWorkflowDetails\n    }\n  }\n": typeof types.WebUpdateWorkflowDocument,
    "\n  mutation WebDeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id)\n  }\n": typeof types.WebDeleteWorkflowDocument,
    "\n  mutation WebRunWorkflow($id: ID!) {\n    runWorkflow(id: $id) {\n      ...WebWorkflowRun\n    }\n  }\n": typeof types.WebRunWorkflowDocument,
    "\n  query CrashRun($id: ID!) {\n    workflowRun(id: $id) {\n      id\n      status\n      finishedAt\n      errorCode\n      message\n      steps {\n        status\n      }\n    }\n  }\n": typeof types.CrashRunDocument,
    "\n  query SecretWithCreator($id: ID!) {\n    secret(id: $id) {\n      id\n      name\n      createdBy {\n        email\n      }\n    }\n  }\n": typeof types.SecretWithCreatorDocument,
    "\n  query SecretListWithVersions($first: Int) {\n    secrets(first: $first) {\n      nodes {\n        id\n        versions {\n          version\n          current\n          createdBy {\n            email\n          }\n        }\n      }\n    }\n  }\n": typeof types.SecretListWithVersionsDocument,
    "\n  query SecretListWithDependents($first: Int) {\n    secrets(first: $first) {\n      nodes {\n        id\n        name\n        createdBy {\n          id\n          email\n        }\n        dependents {\n          __typename\n          ... on Connection {\n            id\n            name\n          }\n          ... on Workflow {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.SecretListWithDependentsDocument,
    "\n  query SecretListWithDeepDependents($first: Int) {\n    secrets(first: $first) {\n      nodes {\n        id\n        createdBy {\n          email\n        }\n        dependents {\n          __typename\n          ... on Connection {\n            id\n            status\n            secret {\n              id\n              name\n            }\n          }\n          ... on Workflow {\n            id\n            steps {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.SecretListWithDeepDependentsDocument,
    "\n  query WorkflowRunsOfEach {\n    workflows {\n      id\n      runs(first: 2) {\n        id\n        workflow {\n          id\n        }\n      }\n    }\n  }\n": typeof types.WorkflowRunsOfEachDocument,
    "\n  query AuditEvents($filter: AuditFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        at\n        action\n        actor\n        targetType\n        targetId\n        targetName\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AuditEventsDocument,
    "\n  query WorkflowWithRuns($id: ID!, $runs: Int) {\n    workflow(id: $id) {\n      ...WebWorkflowDetails\n      runs(first: $runs) {\n        id\n        status\n        errorCode\n        steps {\n          stepId\n          status\n        }\n        workflow {\n          id\n        }\n      }\n    }\n  }\n": typeof types.WorkflowWithRunsDocument,
    "\n  query WorkflowRun($id: ID!) {\n    workflowRun(id: $id) {\n      ...WebWorkflowRun\n      workflow {\n        id\n      }\n    }\n  }\n": typeof types.WorkflowRunDocument,
    "\n  query Notifications($unreadOnly: Boolean, $first: Int) {\n    notifications(unreadOnly: $unreadOnly, first: $first) {\n      id\n      secretId\n      secretName\n      secretKind\n      expiresAt\n      thresholdDays\n      daysLeft\n      message\n      readAt\n      secret {\n        id\n        status\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
};
const documents: Documents = {
    "\n  query WebAuditEvents($filter: AuditFilter, $after: String) {\n    auditEvents(filter: $filter, first: 50, after: $after) {\n      nodes {\n        id\n        at\n        action\n        actor\n        targetType\n        targetName\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.WebAuditEventsDocument,
    "\n  query WebApiTokens {\n    apiTokens {\n      id\n      name\n      role\n      createdAt\n      expiresAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": types.WebApiTokensDocument,
    "\n  mutation WebCreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n      }\n    }\n  }\n": types.WebCreateApiTokenDocument,
    "\n  mutation WebRevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.WebRevokeApiTokenDocument,
    "\n  query WebUsers {\n    users {\n      id\n      email\n      role\n      createdAt\n    }\n  }\n": types.WebUsersDocument,
    "\n  mutation WebCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n    }\n  }\n": types.WebCreateUserDocument,
    "\n  query WebMe {\n    me {\n      id\n      email\n      role\n    }\n  }\n": types.WebMeDocument,
    "\n  mutation WebLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      user {\n        id\n        email\n        role\n      }\n    }\n  }\n": types.WebLoginDocument,
    "\n  mutation WebLogout {\n    logout\n  }\n": types.WebLogoutDocument,
    "\n  fragment WebConnectionRow on Connection {\n    id\n    name\n    provider\n    baseUrl\n    authScheme\n    headerName\n    status\n    updatedAt\n    secret {\n      id\n      name\n      status\n    }\n  }\n": types.WebConnectionRowFragmentDoc,
    "\n  query WebConnectionsList {\n    connections {\n      ...WebConnectionRow\n    }\n  }\n": types.WebConnectionsListDocument,
    "\n  query WebConnectionSecretOptions {\n    secrets(filter: { kind: INTEGRATION, status: [ACTIVE, EXPIRING] }, first: 100) {\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n": types.WebConnectionSecretOptionsDocument,
    "\n  mutation WebCreateConnection($input: CreateConnectionInput!) {\n    createConnection(input: $input) {\n      ...WebConnectionRow\n    }\n  }\n": types.WebCreateConnectionDocument,
    "\n  mutation WebUpdateConnection($id: ID!, $input: UpdateConnectionInput!) {\n    updateConnection(id: $id, input: $input) {\n      ...WebConnectionRow\n    }\n  }\n": types.WebUpdateConnectionDocument,
    "\n  mutation WebDeleteConnection($id: ID!) {\n    deleteConnection(id: $id)\n  }\n": types.WebDeleteConnectionDocument,
    "\n  mutation WebTestConnection($id: ID!) {\n    testConnection(id: $id) {\n      ok\n      httpStatus\n      durationMs\n      errorCode\n      message\n    }\n  }\n": types.WebTestConnectionDocument,
    "\n  query WebNotificationChannels($first: Int = 20) {\n    notificationChannels {\n      id\n      name\n      type\n      emailTo\n      url\n      kind\n      enabled\n      createdAt\n      updatedAt\n      secret {\n        id\n        name\n        status\n      }\n      deliveries(first: $first) {\n        ...WebDelivery\n      }\n    }\n  }\n": types.WebNotificationChannelsDocument,
    "\n  fragment WebDelivery on NotificationDelivery {\n    id\n    channelId\n    status\n    attempts\n    lastError\n    createdAt\n    deliveredAt\n    notification {\n      id\n      secretName\n      thresholdDays\n    }\n  }\n": types.WebDeliveryFragmentDoc,
    "\n  mutation WebCreateNotificationChannel($input: CreateNotificationChannelInput!) {\n    createNotificationChannel(input: $input) {\n      id\n      name\n      type\n      emailTo\n      url\n      kind\n      enabled\n      secret {\n        id\n        name\n      }\n    }\n  }\n": types.WebCreateNotificationChannelDocument,
    "\n  mutation WebUpdateNotificationChannel($id: ID!, $input: UpdateNotificationChannelInput!) {\n    updateNotificationChannel(id: $id, input: $input) {\n      id\n      name\n      emailTo\n      url\n      kind\n      enabled\n      secret {\n        id\n        name\n      }\n    }\n  }\n": types.WebUpdateNotificationChannelDocument,
    "\n  mutation WebDeleteNotificationChannel($id: ID!, $force: Boolean) {\n    deleteNotificationChannel(id: $id, force: $force)\n  }\n": types.WebDeleteNotificationChannelDocument,
    "\n  mutation WebTestNotificationChannel($id: ID!) {\n    testNotificationChannel(id: $id) {\n      ...WebDelivery\n    }\n  }\n": types.WebTestNotificationChannelDocument,
    "\n  query WebChannelSecretOptions {\n    secrets(filter: { kind: WEBHOOK, status: [ACTIVE, EXPIRING] }, first: 100) {\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n": types.WebChannelSecretOptionsDocument,
    "\n  query WebNotifications {\n    notifications(first: 30) {\n      id\n      secretId\n      secretName\n      secretKind\n      message\n      thresholdDays\n      createdAt\n      readAt\n    }\n  }\n": types.WebNotificationsDocument,
    "\n  mutation WebMarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n": types.WebMarkNotificationsReadDocument,
    "\n  subscription WebExpiryWarnings {\n    expiryWarnings {\n      id\n      secretId\n      secretName\n      secretKind\n      message\n    }\n  }\n": types.WebExpiryWarningsDocument,
    "\n  subscription WebSecretEvents {\n    secretEvents {\n      type\n      secretId\n    }\n  }\n": types.WebSecretEventsDocument,
    "\n  fragment WebSecretRow on Secret {\n    id\n    kind\n    name\n    description\n    status\n    expiresAt\n    revokedAt\n    lastUsedAt\n    createdBy {\n      id\n      email\n    }\n  }\n": types.WebSecretRowFragmentDoc,
    "\n  query WebSecretsList($filter: SecretFilter, $first: Int, $after: String) {\n    secrets(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...WebSecretRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.WebSecretsListDocument,
    "\n  query WebSecretDetails($id: ID!, $historyFirst: Int, $historyAfter: String) {\n    secret(id: $id) {\n      ...WebSecretRow\n      createdAt\n      updatedAt\n      valueUpdatedAt\n      valueVersion\n      reference\n      allowedHosts\n      versions {\n        version\n        current\n        createdAt\n        createdBy {\n          id\n          email\n        }\n        restoredFrom\n        lastUsedAt\n      }\n      dependents {\n        __typename\n        ... on Connection {\n          id\n          name\n          provider\n        }\n        ... on Workflow {\n          id\n          name\n        }\n        ... on NotificationChannel {\n          id\n          name\n        }\n      }\n    }\n    auditEvents(filter: { targetId: $id }, first: $historyFirst, after: $historyAfter) {\n      nodes {\n        id\n        at\n        action\n        actor\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.WebSecretDetailsDocument,
    "\n  mutation WebCreateSecret($input: CreateSecretInput!) {\n    createSecret(input: $input) {\n      ...WebSecretRow\n      reference\n    }\n  }\n": types.WebCreateSecretDocument,
    "\n  mutation WebUpdateSecret($id: ID!, $input: UpdateSecretInput!) {\n    updateSecret(id: $id, input: $input) {\n      ...WebSecretRow\n      updatedAt\n      valueUpdatedAt\n      valueVersion\n      reference\n      allowedHosts\n    }\n  }\n": types.WebUpdateSecretDocument,
    "\n  mutation WebRollbackSecret($id: ID!, $version: Int!, $expectedValueVersion: Int) {\n    rollbackSecret(id: $id, version: $version, expectedValueVersion: $expectedValueVersion) {\n      ...WebSecretRow\n      updatedAt\n      valueUpdatedAt\n      valueVersion\n    }\n  }\n": types.WebRollbackSecretDocument,
    "\n  mutation WebRevokeSecret($id: ID!) {\n    revokeSecret(id: $id) {\n      ...WebSecretRow\n      updatedAt\n    }\n  }\n": types.WebRevokeSecretDocument,
    "\n  mutation WebDeleteSecret($id: ID!, $force: Boolean) {\n    deleteSecret(id: $id, force: $force)\n  }\n": types.WebDeleteSecretDocument,
    "\n  query WebWorkflowsList {\n    workflows {\n      id\n      name\n      updatedAt\n      steps {\n        secretNames\n      }\n      runs(first: 1) {\n        id\n        status\n        startedAt\n      }\n    }\n  }\n": types.WebWorkflowsListDocument,
    "\n  fragment WebWorkflowDetails on Workflow {\n    id\n    name\n    updatedAt\n    steps {\n      id\n      name\n      method\n      url\n      body\n      secretNames\n      headers {\n        name\n        value\n      }\n    }\n  }\n": types.WebWorkflowDetailsFragmentDoc,
    "\n  query WebWorkflow($id: ID!) {\n    workflow(id: $id) {\n      ...WebWorkflowDetails\n    }\n  }\n": types.WebWorkflowDocument,
    "\n  fragment WebWorkflowRun on WorkflowRun {\n    id\n    status\n    startedAt\n    finishedAt\n    errorCode\n    message\n    steps {\n      stepId\n      name\n      status\n      httpStatus\n      errorCode\n      message\n      durationMs\n      responseBody\n      secretsUsed {\n        secretId\n        secretName\n        version\n      }\n    }\n  }\n": types.WebWorkflowRunFragmentDoc,
    "\n  query WebWorkflowRuns($id: ID!) {\n    workflow(id: $id) {\n      id\n      runs(first: 20) {\n        id\n        status\n        startedAt\n        finishedAt\n        steps {\n          stepId\n          durationMs\n        }\n      }\n    }\n  }\n": types.WebWorkflowRunsDocument,
    "\n  query WebWorkflowRun($id: ID!) {\n    workflowRun(id: $id) {\n      ...WebWorkflowRun\n    }\n  }\n": types.WebWorkflowRunDocument,
    "\n  query WebWebhookSecretNames {\n    secrets(filter: { kind: WEBHOOK }, first: 100) {\n      totalCount\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n": types.WebWebhookSecretNamesDocument,
    "\n  mutation WebCreateWorkflow($input: WorkflowInput!) {\n    createWorkflow(input: $input) {\n      ...WebWorkflowDetails\n    }\n  }\n": types.WebCreateWorkflowDocument,
    "\n  mutation WebUpdateWorkflow($id: ID!, $input: WorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      ...WebWorkflowDetails\n    }\n  }\n": types.WebUpdateWorkflowDocument,
    "\n  mutation WebDeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id)\n  }\n": types.WebDeleteWorkflowDocument,
    "\n  mutation WebRunWorkflow($id: ID!) {\n    runWorkflow(id: $id) {\n      ...WebWorkflowRun\n    }\n  }\n": types.WebRunWorkflowDocument,
    "\n  query CrashRun($id: ID!) {\n    workflowRun(id: $id) {\n      id\n      status\n      finishedAt\n      errorCode\n      message\n      steps {\n        status\n      }\n    }\n  }\n": types.CrashRunDocument,
    "\n  query SecretWithCreator($id: ID!) {\n    secret(id: $id) {\n      id\n      name\n      createdBy {\n        email\n      }\n    }\n  }\n": types.SecretWithCreatorDocument,
    "\n  query SecretListWithVersions($first: Int) {\n    secrets(first: $first) {\n      nodes {\n        id\n        versions {\n          version\n          current\n          createdBy {\n            email\n          }\n        }\n      }\n    }\n  }\n": types.SecretListWithVersionsDocument,
    "\n  query SecretListWithDependents($first: Int) {\n    secrets(first: $first) {\n      nodes {\n        id\n        name\n        createdBy {\n          id\n          email\n        }\n        dependents {\n          __typename\n          ... on Connection {\n            id\n            name\n          }\n          ... on Workflow {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.SecretListWithDependentsDocument,
    "\n  query SecretListWithDeepDependents($first: Int) {\n    secrets(first: $first) {\n      nodes {\n        id\n        createdBy {\n          email\n        }\n        dependents {\n          __typename\n          ... on Connection {\n            id\n            status\n            secret {\n              id\n              name\n            }\n          }\n          ... on Workflow {\n            id\n            steps {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.SecretListWithDeepDependentsDocument,
    "\n  query WorkflowRunsOfEach {\n    workflows {\n      id\n      runs(first: 2) {\n        id\n        workflow {\n          id\n        }\n      }\n    }\n  }\n": types.WorkflowRunsOfEachDocument,
    "\n  query AuditEvents($filter: AuditFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        at\n        action\n        actor\n        targetType\n        targetId\n        targetName\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.AuditEventsDocument,
    "\n  query WorkflowWithRuns($id: ID!, $runs: Int) {\n    workflow(id: $id) {\n      ...WebWorkflowDetails\n      runs(first: $runs) {\n        id\n        status\n        errorCode\n        steps {\n          stepId\n          status\n        }\n        workflow {\n          id\n        }\n      }\n    }\n  }\n": types.WorkflowWithRunsDocument,
    "\n  query WorkflowRun($id: ID!) {\n    workflowRun(id: $id) {\n      ...WebWorkflowRun\n      workflow {\n        id\n      }\n    }\n  }\n": types.WorkflowRunDocument,
    "\n  query Notifications($unreadOnly: Boolean, $first: Int) {\n    notifications(unreadOnly: $unreadOnly, first: $first) {\n      id\n      secretId\n      secretName\n      secretKind\n      expiresAt\n      thresholdDays\n      daysLeft\n      message\n      readAt\n      secret {\n        id\n        status\n      }\n    }\n  }\n": types.NotificationsDocument,
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
export function graphql(source: "\n  query WebAuditEvents($filter: AuditFilter, $after: String) {\n    auditEvents(filter: $filter, first: 50, after: $after) {\n      nodes {\n        id\n        at\n        action\n        actor\n        targetType\n        targetName\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebAuditEvents($filter: AuditFilter, $after: String) {\n    auditEvents(filter: $filter, first: 50, after: $after) {\n      nodes {\n        id\n        at\n        action\n        actor\n        targetType\n        targetName\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebApiTokens {\n    apiTokens {\n      id\n      name\n      role\n      createdAt\n      expiresAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  query WebApiTokens {\n    apiTokens {\n      id\n      name\n      role\n      createdAt\n      expiresAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebCreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebCreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebRevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation WebRevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebUsers {\n    users {\n      id\n      email\n      role\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query WebUsers {\n    users {\n      id\n      email\n      role\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation WebCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment WebConnectionRow on Connection {\n    id\n    name\n    provider\n    baseUrl\n    authScheme\n    headerName\n    status\n    updatedAt\n    secret {\n      id\n      name\n      status\n    }\n  }\n"): (typeof documents)["\n  fragment WebConnectionRow on Connection {\n    id\n    name\n    provider\n    baseUrl\n    authScheme\n    headerName\n    status\n    updatedAt\n    secret {\n      id\n      name\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebConnectionsList {\n    connections {\n      ...WebConnectionRow\n    }\n  }\n"): (typeof documents)["\n  query WebConnectionsList {\n    connections {\n      ...WebConnectionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebConnectionSecretOptions {\n    secrets(filter: { kind: INTEGRATION, status: [ACTIVE, EXPIRING] }, first: 100) {\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebConnectionSecretOptions {\n    secrets(filter: { kind: INTEGRATION, status: [ACTIVE, EXPIRING] }, first: 100) {\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebCreateConnection($input: CreateConnectionInput!) {\n    createConnection(input: $input) {\n      ...WebConnectionRow\n    }\n  }\n"): (typeof documents)["\n  mutation WebCreateConnection($input: CreateConnectionInput!) {\n    createConnection(input: $input) {\n      ...WebConnectionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebUpdateConnection($id: ID!, $input: UpdateConnectionInput!) {\n    updateConnection(id: $id, input: $input) {\n      ...WebConnectionRow\n    }\n  }\n"): (typeof documents)["\n  mutation WebUpdateConnection($id: ID!, $input: UpdateConnectionInput!) {\n    updateConnection(id: $id, input: $input) {\n      ...WebConnectionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebDeleteConnection($id: ID!) {\n    deleteConnection(id: $id)\n  }\n"): (typeof documents)["\n  mutation WebDeleteConnection($id: ID!) {\n    deleteConnection(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebTestConnection($id: ID!) {\n    testConnection(id: $id) {\n      ok\n      httpStatus\n      durationMs\n      errorCode\n      message\n    }\n  }\n"): (typeof documents)["\n  mutation WebTestConnection($id: ID!) {\n    testConnection(id: $id) {\n      ok\n      httpStatus\n      durationMs\n      errorCode\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebNotificationChannels($first: Int = 20) {\n    notificationChannels {\n      id\n      name\n      type\n      emailTo\n      url\n      kind\n      enabled\n      createdAt\n      updatedAt\n      secret {\n        id\n        name\n        status\n      }\n      deliveries(first: $first) {\n        ...WebDelivery\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebNotificationChannels($first: Int = 20) {\n    notificationChannels {\n      id\n      name\n      type\n      emailTo\n      url\n      kind\n      enabled\n      createdAt\n      updatedAt\n      secret {\n        id\n        name\n        status\n      }\n      deliveries(first: $first) {\n        ...WebDelivery\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebDelivery on NotificationDelivery {\n    id\n    channelId\n    status\n    attempts\n    lastError\n    createdAt\n    deliveredAt\n    notification {\n      id\n      secretName\n      thresholdDays\n    }\n  }\n"): (typeof documents)["\n  fragment WebDelivery on NotificationDelivery {\n    id\n    channelId\n    status\n    attempts\n    lastError\n    createdAt\n    deliveredAt\n    notification {\n      id\n      secretName\n      thresholdDays\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebCreateNotificationChannel($input: CreateNotificationChannelInput!) {\n    createNotificationChannel(input: $input) {\n      id\n      name\n      type\n      emailTo\n      url\n      kind\n      enabled\n      secret {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebCreateNotificationChannel($input: CreateNotificationChannelInput!) {\n    createNotificationChannel(input: $input) {\n      id\n      name\n      type\n      emailTo\n      url\n      kind\n      enabled\n      secret {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebUpdateNotificationChannel($id: ID!, $input: UpdateNotificationChannelInput!) {\n    updateNotificationChannel(id: $id, input: $input) {\n      id\n      name\n      emailTo\n      url\n      kind\n      enabled\n      secret {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebUpdateNotificationChannel($id: ID!, $input: UpdateNotificationChannelInput!) {\n    updateNotificationChannel(id: $id, input: $input) {\n      id\n      name\n      emailTo\n      url\n      kind\n      enabled\n      secret {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebDeleteNotificationChannel($id: ID!, $force: Boolean) {\n    deleteNotificationChannel(id: $id, force: $force)\n  }\n"): (typeof documents)["\n  mutation WebDeleteNotificationChannel($id: ID!, $force: Boolean) {\n    deleteNotificationChannel(id: $id, force: $force)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebTestNotificationChannel($id: ID!) {\n    testNotificationChannel(id: $id) {\n      ...WebDelivery\n    }\n  }\n"): (typeof documents)["\n  mutation WebTestNotificationChannel($id: ID!) {\n    testNotificationChannel(id: $id) {\n      ...WebDelivery\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebChannelSecretOptions {\n    secrets(filter: { kind: WEBHOOK, status: [ACTIVE, EXPIRING] }, first: 100) {\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebChannelSecretOptions {\n    secrets(filter: { kind: WEBHOOK, status: [ACTIVE, EXPIRING] }, first: 100) {\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebNotifications {\n    notifications(first: 30) {\n      id\n      secretId\n      secretName\n      secretKind\n      message\n      thresholdDays\n      createdAt\n      readAt\n    }\n  }\n"): (typeof documents)["\n  query WebNotifications {\n    notifications(first: 30) {\n      id\n      secretId\n      secretName\n      secretKind\n      message\n      thresholdDays\n      createdAt\n      readAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebMarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation WebMarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WebExpiryWarnings {\n    expiryWarnings {\n      id\n      secretId\n      secretName\n      secretKind\n      message\n    }\n  }\n"): (typeof documents)["\n  subscription WebExpiryWarnings {\n    expiryWarnings {\n      id\n      secretId\n      secretName\n      secretKind\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WebSecretEvents {\n    secretEvents {\n      type\n      secretId\n    }\n  }\n"): (typeof documents)["\n  subscription WebSecretEvents {\n    secretEvents {\n      type\n      secretId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebSecretRow on Secret {\n    id\n    kind\n    name\n    description\n    status\n    expiresAt\n    revokedAt\n    lastUsedAt\n    createdBy {\n      id\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment WebSecretRow on Secret {\n    id\n    kind\n    name\n    description\n    status\n    expiresAt\n    revokedAt\n    lastUsedAt\n    createdBy {\n      id\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebSecretsList($filter: SecretFilter, $first: Int, $after: String) {\n    secrets(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...WebSecretRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebSecretsList($filter: SecretFilter, $first: Int, $after: String) {\n    secrets(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...WebSecretRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebSecretDetails($id: ID!, $historyFirst: Int, $historyAfter: String) {\n    secret(id: $id) {\n      ...WebSecretRow\n      createdAt\n      updatedAt\n      valueUpdatedAt\n      valueVersion\n      reference\n      allowedHosts\n      versions {\n        version\n        current\n        createdAt\n        createdBy {\n          id\n          email\n        }\n        restoredFrom\n        lastUsedAt\n      }\n      dependents {\n        __typename\n        ... on Connection {\n          id\n          name\n          provider\n        }\n        ... on Workflow {\n          id\n          name\n        }\n        ... on NotificationChannel {\n          id\n          name\n        }\n      }\n    }\n    auditEvents(filter: { targetId: $id }, first: $historyFirst, after: $historyAfter) {\n      nodes {\n        id\n        at\n        action\n        actor\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebSecretDetails($id: ID!, $historyFirst: Int, $historyAfter: String) {\n    secret(id: $id) {\n      ...WebSecretRow\n      createdAt\n      updatedAt\n      valueUpdatedAt\n      valueVersion\n      reference\n      allowedHosts\n      versions {\n        version\n        current\n        createdAt\n        createdBy {\n          id\n          email\n        }\n        restoredFrom\n        lastUsedAt\n      }\n      dependents {\n        __typename\n        ... on Connection {\n          id\n          name\n          provider\n        }\n        ... on Workflow {\n          id\n          name\n        }\n        ... on NotificationChannel {\n          id\n          name\n        }\n      }\n    }\n    auditEvents(filter: { targetId: $id }, first: $historyFirst, after: $historyAfter) {\n      nodes {\n        id\n        at\n        action\n        actor\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebCreateSecret($input: CreateSecretInput!) {\n    createSecret(input: $input) {\n      ...WebSecretRow\n      reference\n    }\n  }\n"): (typeof documents)["\n  mutation WebCreateSecret($input: CreateSecretInput!) {\n    createSecret(input: $input) {\n      ...WebSecretRow\n      reference\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebUpdateSecret($id: ID!, $input: UpdateSecretInput!) {\n    updateSecret(id: $id, input: $input) {\n      ...WebSecretRow\n      updatedAt\n      valueUpdatedAt\n      valueVersion\n      reference\n      allowedHosts\n    }\n  }\n"): (typeof documents)["\n  mutation WebUpdateSecret($id: ID!, $input: UpdateSecretInput!) {\n    updateSecret(id: $id, input: $input) {\n      ...WebSecretRow\n      updatedAt\n      valueUpdatedAt\n      valueVersion\n      reference\n      allowedHosts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebRollbackSecret($id: ID!, $version: Int!, $expectedValueVersion: Int) {\n    rollbackSecret(id: $id, version: $version, expectedValueVersion: $expectedValueVersion) {\n      ...WebSecretRow\n      updatedAt\n      valueUpdatedAt\n      valueVersion\n    }\n  }\n"): (typeof documents)["\n  mutation WebRollbackSecret($id: ID!, $version: Int!, $expectedValueVersion: Int) {\n    rollbackSecret(id: $id, version: $version, expectedValueVersion: $expectedValueVersion) {\n      ...WebSecretRow\n      updatedAt\n      valueUpdatedAt\n      valueVersion\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebRevokeSecret($id: ID!) {\n    revokeSecret(id: $id) {\n      ...WebSecretRow\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation WebRevokeSecret($id: ID!) {\n    revokeSecret(id: $id) {\n      ...WebSecretRow\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebDeleteSecret($id: ID!, $force: Boolean) {\n    deleteSecret(id: $id, force: $force)\n  }\n"): (typeof documents)["\n  mutation WebDeleteSecret($id: ID!, $force: Boolean) {\n    deleteSecret(id: $id, force: $force)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebWorkflowsList {\n    workflows {\n      id\n      name\n      updatedAt\n      steps {\n        secretNames\n      }\n      runs(first: 1) {\n        id\n        status\n        startedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebWorkflowsList {\n    workflows {\n      id\n      name\n      updatedAt\n      steps {\n        secretNames\n      }\n      runs(first: 1) {\n        id\n        status\n        startedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebWorkflowDetails on Workflow {\n    id\n    name\n    updatedAt\n    steps {\n      id\n      name\n      method\n      url\n      body\n      secretNames\n      headers {\n        name\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment WebWorkflowDetails on Workflow {\n    id\n    name\n    updatedAt\n    steps {\n      id\n      name\n      method\n      url\n      body\n      secretNames\n      headers {\n        name\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebWorkflow($id: ID!) {\n    workflow(id: $id) {\n      ...WebWorkflowDetails\n    }\n  }\n"): (typeof documents)["\n  query WebWorkflow($id: ID!) {\n    workflow(id: $id) {\n      ...WebWorkflowDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebWorkflowRun on WorkflowRun {\n    id\n    status\n    startedAt\n    finishedAt\n    errorCode\n    message\n    steps {\n      stepId\n      name\n      status\n      httpStatus\n      errorCode\n      message\n      durationMs\n      responseBody\n      secretsUsed {\n        secretId\n        secretName\n        version\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment WebWorkflowRun on WorkflowRun {\n    id\n    status\n    startedAt\n    finishedAt\n    errorCode\n    message\n    steps {\n      stepId\n      name\n      status\n      httpStatus\n      errorCode\n      message\n      durationMs\n      responseBody\n      secretsUsed {\n        secretId\n        secretName\n        version\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebWorkflowRuns($id: ID!) {\n    workflow(id: $id) {\n      id\n      runs(first: 20) {\n        id\n        status\n        startedAt\n        finishedAt\n        steps {\n          stepId\n          durationMs\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebWorkflowRuns($id: ID!) {\n    workflow(id: $id) {\n      id\n      runs(first: 20) {\n        id\n        status\n        startedAt\n        finishedAt\n        steps {\n          stepId\n          durationMs\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebWorkflowRun($id: ID!) {\n    workflowRun(id: $id) {\n      ...WebWorkflowRun\n    }\n  }\n"): (typeof documents)["\n  query WebWorkflowRun($id: ID!) {\n    workflowRun(id: $id) {\n      ...WebWorkflowRun\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebWebhookSecretNames {\n    secrets(filter: { kind: WEBHOOK }, first: 100) {\n      totalCount\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebWebhookSecretNames {\n    secrets(filter: { kind: WEBHOOK }, first: 100) {\n      totalCount\n      nodes {\n        id\n        name\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebCreateWorkflow($input: WorkflowInput!) {\n    createWorkflow(input: $input) {\n      ...WebWorkflowDetails\n    }\n  }\n"): (typeof documents)["\n  mutation WebCreateWorkflow($input: WorkflowInput!) {\n    createWorkflow(input: $input) {\n      ...WebWorkflowDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebUpdateWorkflow($id: ID!, $input: WorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      ...WebWorkflowDetails\n    }\n  }\n"): (typeof documents)["\n  mutation WebUpdateWorkflow($id: ID!, $input: WorkflowInput!) {\n    updateWorkflow(id: $id, input: $input) {\n      ...WebWorkflowDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebDeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id)\n  }\n"): (typeof documents)["\n  mutation WebDeleteWorkflow($id: ID!) {\n    deleteWorkflow(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebRunWorkflow($id: ID!) {\n    runWorkflow(id: $id) {\n      ...WebWorkflowRun\n    }\n  }\n"): (typeof documents)["\n  mutation WebRunWorkflow($id: ID!) {\n    runWorkflow(id: $id) {\n      ...WebWorkflowRun\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CrashRun($id: ID!) {\n    workflowRun(id: $id) {\n      id\n      status\n      finishedAt\n      errorCode\n      message\n      steps {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query CrashRun($id: ID!) {\n    workflowRun(id: $id) {\n      id\n      status\n      finishedAt\n      errorCode\n      message\n      steps {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretWithCreator($id: ID!) {\n    secret(id: $id) {\n      id\n      name\n      createdBy {\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query SecretWithCreator($id: ID!) {\n    secret(id: $id) {\n      id\n      name\n      createdBy {\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretListWithVersions($first: Int) {\n    secrets(first: $first) {\n      nodes {\n        id\n        versions {\n          version\n          current\n          createdBy {\n            email\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SecretListWithVersions($first: Int) {\n    secrets(first: $first) {\n      nodes {\n        id\n        versions {\n          version\n          current\n          createdBy {\n            email\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretListWithDependents($first: Int) {\n    secrets(first: $first) {\n      nodes {\n        id\n        name\n        createdBy {\n          id\n          email\n        }\n        dependents {\n          __typename\n          ... on Connection {\n            id\n            name\n          }\n          ... on Workflow {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SecretListWithDependents($first: Int) {\n    secrets(first: $first) {\n      nodes {\n        id\n        name\n        createdBy {\n          id\n          email\n        }\n        dependents {\n          __typename\n          ... on Connection {\n            id\n            name\n          }\n          ... on Workflow {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretListWithDeepDependents($first: Int) {\n    secrets(first: $first) {\n      nodes {\n        id\n        createdBy {\n          email\n        }\n        dependents {\n          __typename\n          ... on Connection {\n            id\n            status\n            secret {\n              id\n              name\n            }\n          }\n          ... on Workflow {\n            id\n            steps {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SecretListWithDeepDependents($first: Int) {\n    secrets(first: $first) {\n      nodes {\n        id\n        createdBy {\n          email\n        }\n        dependents {\n          __typename\n          ... on Connection {\n            id\n            status\n            secret {\n              id\n              name\n            }\n          }\n          ... on Workflow {\n            id\n            steps {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowRunsOfEach {\n    workflows {\n      id\n      runs(first: 2) {\n        id\n        workflow {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WorkflowRunsOfEach {\n    workflows {\n      id\n      runs(first: 2) {\n        id\n        workflow {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEvents($filter: AuditFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        at\n        action\n        actor\n        targetType\n        targetId\n        targetName\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEvents($filter: AuditFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      nodes {\n        id\n        at\n        action\n        actor\n        targetType\n        targetId\n        targetName\n        details\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowWithRuns($id: ID!, $runs: Int) {\n    workflow(id: $id) {\n      ...WebWorkflowDetails\n      runs(first: $runs) {\n        id\n        status\n        errorCode\n        steps {\n          stepId\n          status\n        }\n        workflow {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WorkflowWithRuns($id: ID!, $runs: Int) {\n    workflow(id: $id) {\n      ...WebWorkflowDetails\n      runs(first: $runs) {\n        id\n        status\n        errorCode\n        steps {\n          stepId\n          status\n        }\n        workflow {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowRun($id: ID!) {\n    workflowRun(id: $id) {\n      ...WebWorkflowRun\n      workflow {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query WorkflowRun($id: ID!) {\n    workflowRun(id: $id) {\n      ...WebWorkflowRun\n      workflow {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($unreadOnly: Boolean, $first: Int) {\n    notifications(unreadOnly: $unreadOnly, first: $first) {\n      id\n      secretId\n      secretName\n      secretKind\n      expiresAt\n      thresholdDays\n      daysLeft\n      message\n      readAt\n      secret {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query Notifications($unreadOnly: Boolean, $first: Int) {\n    notifications(unreadOnly: $unreadOnly, first: $first) {\n      id\n      secretId\n      secretName\n      secretKind\n      expiresAt\n      thresholdDays\n      daysLeft\n      message\n      readAt\n      secret {\n        id\n        status\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;