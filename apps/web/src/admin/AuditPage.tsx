import { useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { errorMessage } from '../common/errors';
import { formatDateTime } from '../common/format';
import { AuditEventsDocument } from './graphql';

export default function AuditPage() {
  const [action, setAction] = useState('');
  const filter = action.trim() ? { action: action.trim().toUpperCase() } : null;
  const { data, error, fetchMore } = useQuery(AuditEventsDocument, {
    variables: { filter },
    fetchPolicy: 'cache-and-network',
  });
  const page = data?.auditEvents;

  return (
    <Stack spacing={2}>
      <Typography variant="h4" component="h1">
        Audit log
      </Typography>
      <TextField
        label="Action"
        placeholder="e.g. SECRET_USED"
        value={action}
        onChange={(event) => setAction(event.target.value)}
        sx={{ maxWidth: 320 }}
      />
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      <TableContainer component={Paper}>
        <Table size="small" aria-label="Audit events">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>Action</TableCell>
              <TableCell>Actor</TableCell>
              <TableCell>Target</TableCell>
              <TableCell>Details</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {page?.nodes.map((event) => (
              <TableRow key={event.id}>
                <TableCell title={event.at}>{formatDateTime(event.at)}</TableCell>
                <TableCell>{event.action}</TableCell>
                <TableCell>{event.actor}</TableCell>
                <TableCell>
                  {event.targetType.toLowerCase()} {event.targetName ?? ''}
                </TableCell>
                <TableCell>{event.details}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {page?.pageInfo.hasNextPage && (
        <Button
          onClick={() =>
            void fetchMore({
              variables: { after: page.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                auditEvents: {
                  ...fetchMoreResult.auditEvents,
                  nodes: [...previous.auditEvents.nodes, ...fetchMoreResult.auditEvents.nodes],
                },
              }),
            })
          }
        >
          Load more
        </Button>
      )}
    </Stack>
  );
}
