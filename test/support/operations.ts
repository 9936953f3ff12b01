import { graphql } from '@secrets/schema';

// The typed documents the end-to-end tests send: the SPA's own documents (CONVENTIONS.md),
// under the names the tests use, and below them only what the SPA never asks for.

export {
  LoginDocument as LoginMutation,
  LogoutDocument as LogoutMutation,
  MeDocument as MeQuery,
} from '../../apps/web/src/auth/graphql';
export {
  CreateSecretDocument as CreateSecretMutation,
  UpdateSecretDocument as UpdateSecretMutation,
  RevokeSecretDocument as RevokeSecretMutation,
  RollbackSecretDocument as RollbackSecretMutation,
  DeleteSecretDocument as DeleteSecretMutation,
  SecretDetailsDocument as SecretQuery,
  SecretsListDocument as SecretsQuery,
} from '../../apps/web/src/secrets/graphql';
export {
  CreateUserDocument as CreateUserMutation,
  UsersDocument as UsersQuery,
  CreateApiTokenDocument as CreateApiTokenMutation,
  RevokeApiTokenDocument as RevokeApiTokenMutation,
  ApiTokensDocument as ApiTokensQuery,
} from '../../apps/web/src/admin/graphql';
export {
  CreateConnectionDocument as CreateConnectionMutation,
  UpdateConnectionDocument as UpdateConnectionMutation,
  DeleteConnectionDocument as DeleteConnectionMutation,
  ConnectionsListDocument as ConnectionsQuery,
  TestConnectionDocument as TestConnectionMutation,
} from '../../apps/web/src/connections/graphql';
export {
  CreateWorkflowDocument as CreateWorkflowMutation,
  UpdateWorkflowDocument as UpdateWorkflowMutation,
  DeleteWorkflowDocument as DeleteWorkflowMutation,
  RunWorkflowDocument as RunWorkflowMutation,
} from '../../apps/web/src/workflows/graphql';
export { MarkReadDocument as MarkNotificationsReadMutation } from '../../apps/web/src/notifications/graphql';

// Test-only: the SPA's audit page pages by a fixed 50 and never reads targetId.
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

// Test-only: a workflow with a chosen number of runs, each naming its workflow. Like the SPA's
// history, it lists runs without their response bodies (a page of them could exceed the
// answer budget); WorkflowRunQuery reads one run whole.
export const WorkflowQuery = graphql(`
  query WorkflowWithRuns($id: ID!, $runs: Int) {
    workflow(id: $id) {
      ...WebWorkflowDetails
      runs(first: $runs) {
        id
        status
        errorCode
        steps {
          stepId
          status
        }
        workflow {
          id
        }
      }
    }
  }
`);

// Test-only: the SPA reads runs through their workflow, never one run by id.
export const WorkflowRunQuery = graphql(`
  query WorkflowRun($id: ID!) {
    workflowRun(id: $id) {
      ...WebWorkflowRun
      workflow {
        id
      }
    }
  }
`);

// Test-only: filters and fields (daysLeft, expiresAt, secret) the SPA's list does not use.
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
export {
  NotificationChannelsDocument as NotificationChannelsQuery,
  CreateNotificationChannelDocument as CreateNotificationChannelMutation,
  UpdateNotificationChannelDocument as UpdateNotificationChannelMutation,
  DeleteNotificationChannelDocument as DeleteNotificationChannelMutation,
  TestNotificationChannelDocument as TestNotificationChannelMutation,
} from '../../apps/web/src/notifications/channels.graphql';
