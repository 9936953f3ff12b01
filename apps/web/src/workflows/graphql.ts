import { graphql } from '@secrets/schema';

// Only what the list shows: at its largest (100 workflows of 50 steps of 50 secret names) the
// answer nears the server's 16 MiB budget, which counts every field at its largest.
export const WorkflowsListDocument = graphql(`
  query WebWorkflowsList {
    workflows {
      id
      name
      updatedAt
      steps {
        secretNames
      }
      runs(first: 1) {
        id
        status
        startedAt
      }
    }
  }
`);

export const WorkflowDetailsFragment = graphql(`
  fragment WebWorkflowDetails on Workflow {
    id
    name
    updatedAt
    steps {
      id
      name
      method
      url
      body
      secretNames
      headers {
        name
        value
      }
    }
  }
`);

export const WorkflowDocument = graphql(`
  query WebWorkflow($id: ID!) {
    workflow(id: $id) {
      ...WebWorkflowDetails
    }
  }
`);

export const WorkflowRunFragment = graphql(`
  fragment WebWorkflowRun on WorkflowRun {
    id
    status
    startedAt
    finishedAt
    errorCode
    message
    steps {
      stepId
      name
      status
      httpStatus
      errorCode
      message
      durationMs
      responseBody
      secretsUsed {
        secretId
        secretName
        version
      }
    }
  }
`);

// The history leaves out response bodies (up to 64 KiB per step, 20 runs could reach 64 MiB,
// over the server's answer budget); the run chosen is read whole with WorkflowRunDocument.
export const WorkflowRunsDocument = graphql(`
  query WebWorkflowRuns($id: ID!) {
    workflow(id: $id) {
      id
      runs(first: 20) {
        id
        status
        startedAt
        finishedAt
        steps {
          stepId
          durationMs
        }
      }
    }
  }
`);

export const WorkflowRunDocument = graphql(`
  query WebWorkflowRun($id: ID!) {
    workflowRun(id: $id) {
      ...WebWorkflowRun
    }
  }
`);

// Names offered after `{secret:` and checked before saving.
export const WebhookSecretNamesDocument = graphql(`
  query WebWebhookSecretNames {
    secrets(filter: { kind: WEBHOOK }, first: 100) {
      totalCount
      nodes {
        id
        name
        status
      }
    }
  }
`);

export const CreateWorkflowDocument = graphql(`
  mutation WebCreateWorkflow($input: WorkflowInput!) {
    createWorkflow(input: $input) {
      ...WebWorkflowDetails
    }
  }
`);

export const UpdateWorkflowDocument = graphql(`
  mutation WebUpdateWorkflow($id: ID!, $input: WorkflowInput!) {
    updateWorkflow(id: $id, input: $input) {
      ...WebWorkflowDetails
    }
  }
`);

export const DeleteWorkflowDocument = graphql(`
  mutation WebDeleteWorkflow($id: ID!) {
    deleteWorkflow(id: $id)
  }
`);

export const RunWorkflowDocument = graphql(`
  mutation WebRunWorkflow($id: ID!) {
    runWorkflow(id: $id) {
      ...WebWorkflowRun
    }
  }
`);
