import { useQuery } from '@apollo/client/react';
import {
  Alert,
  Box,
  Breadcrumbs,
  CircularProgress,
  Link,
  Snackbar,
  Stack,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../common/errors';
import { WorkflowDocument } from './graphql';
import { WorkflowEditor } from './WorkflowEditor';

const LIST = '/settings/integrations/workflows';

/** /settings/integrations/workflows/:id, where the id "new" creates a workflow. */
export default function WorkflowEditorPage() {
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const navigate = useNavigate();
  const [notice, setNotice] = useState<string>();
  const { data, loading, error } = useQuery(WorkflowDocument, {
    variables: { id },
    skip: isNew,
    fetchPolicy: 'cache-and-network',
  });

  let content;
  if (isNew) {
    content = (
      <WorkflowEditor
        key="new"
        workflow={null}
        onSaved={(saved) => {
          setNotice(`Workflow "${saved.name}" saved.`);
          void navigate(`${LIST}/${saved.id}`, { replace: true });
        }}
        onDeleted={() => undefined}
      />
    );
  } else if (!data && loading) {
    content = (
      <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
        <CircularProgress aria-label="Loading workflow" />
      </Box>
    );
  } else if (!data?.workflow) {
    content = (
      <Stack spacing={2}>
        <Typography component="h1" variant="h4">
          Workflow not found
        </Typography>
        <Alert severity={error ? 'error' : 'warning'}>
          {error ? errorMessage(error) : 'This workflow does not exist or was deleted.'}
        </Alert>
      </Stack>
    );
  } else {
    content = (
      <WorkflowEditor
        // A different workflow starts a fresh form; a refetch of this one keeps the edits.
        key={data.workflow.id}
        workflow={data.workflow}
        onSaved={(saved) => {
          setNotice(`Workflow "${saved.name}" saved.`);
          void navigate(`${LIST}/${saved.id}`, { replace: true });
        }}
        onDeleted={(name) =>
          void navigate(LIST, { state: { notice: `Workflow "${name}" deleted.` } })
        }
      />
    );
  }

  return (
    <Stack spacing={2}>
      <Breadcrumbs aria-label="Breadcrumb">
        <Link component={RouterLink} to={LIST}>
          Workflows
        </Link>
        <Typography color="text.primary">
          {isNew ? 'New workflow' : (data?.workflow?.name ?? '…')}
        </Typography>
      </Breadcrumbs>
      {content}
      <Snackbar
        open={Boolean(notice)}
        autoHideDuration={5000}
        onClose={() => setNotice(undefined)}
        message={notice}
      />
    </Stack>
  );
}
