import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
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
import { useState, type FormEvent } from 'react';
import { useCanEdit } from '../auth/session';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { apiError, errorMessage } from '../common/errors';
import { formatDateTime } from '../common/format';
import { ApiTokensDocument, CreateApiTokenDocument, RevokeApiTokenDocument } from './graphql';
import { RoleSelect, type RoleValue } from './RoleSelect';

function CreateTokenDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleValue>('VIEWER');
  const [token, setToken] = useState<string | null>(null);
  const [create, { error, loading }] = useMutation(CreateApiTokenDocument, {
    refetchQueries: [ApiTokensDocument],
  });
  const problem = error ? apiError(error) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({ variables: { input: { name, role } } }).catch(() => null);
    if (result?.data) setToken(result.data.createApiToken.token);
  }

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="create-token-title">
      <DialogTitle id="create-token-title">Create API token</DialogTitle>
      {token ? (
        <>
          <DialogContent>
            <Alert severity="warning" sx={{ mb: 2 }}>
              Copy the token now: it is shown only once. Send it as Authorization: Bearer
              &lt;token&gt;.
            </Alert>
            <TextField
              label="Token"
              value={token}
              fullWidth
              slotProps={{ input: { readOnly: true } }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => void navigator.clipboard.writeText(token)}>Copy token</Button>
            <Button variant="contained" onClick={onClose}>
              Done
            </Button>
          </DialogActions>
        </>
      ) : (
        <form onSubmit={submit}>
          <DialogContent>
            <Stack spacing={2} sx={{ pt: 1 }}>
              {problem && !problem.field && <Alert severity="error">{problem.message}</Alert>}
              <TextField
                label="Token name"
                value={name}
                onChange={(event) => setName(event.target.value)}
                required
                error={problem?.field === 'name'}
                helperText={problem?.field === 'name' ? problem.message : 'Which service uses it'}
              />
              <RoleSelect value={role} onChange={setRole} />
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="contained" disabled={loading}>
              Create token
            </Button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}

export default function ApiTokensPage() {
  const canEdit = useCanEdit();
  const { data, error } = useQuery(ApiTokensDocument, { fetchPolicy: 'cache-and-network' });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const [revoke] = useMutation(RevokeApiTokenDocument, { refetchQueries: [ApiTokensDocument] });

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography variant="h4" component="h1" sx={{ flexGrow: 1 }}>
          API tokens
        </Typography>
        {canEdit && (
          <Button variant="contained" onClick={() => setCreating(true)}>
            Create API token
          </Button>
        )}
      </Stack>
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      <TableContainer component={Paper}>
        <Table size="small" aria-label="API tokens">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Role</TableCell>
              <TableCell>Created</TableCell>
              <TableCell>Last used</TableCell>
              <TableCell>Status</TableCell>
              {canEdit && <TableCell>Actions</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {data?.apiTokens.map((token) => (
              <TableRow key={token.id}>
                <TableCell>{token.name}</TableCell>
                <TableCell>{token.role === 'ADMIN' ? 'Admin' : 'Viewer'}</TableCell>
                <TableCell>{formatDateTime(token.createdAt)}</TableCell>
                <TableCell>{formatDateTime(token.lastUsedAt)}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={token.revokedAt ? 'Revoked' : 'Active'}
                    color={token.revokedAt ? 'default' : 'success'}
                  />
                </TableCell>
                {canEdit && (
                  <TableCell>
                    {!token.revokedAt && (
                      <Button
                        size="small"
                        color="error"
                        onClick={() => setRevoking(token)}
                        aria-label={`Revoke ${token.name}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {creating && <CreateTokenDialog onClose={() => setCreating(false)} />}
      <ConfirmDialog
        open={Boolean(revoking)}
        title="Revoke API token?"
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) void revoke({ variables: { id: revoking.id } });
          setRevoking(null);
        }}
      >
        Services using “{revoking?.name}” lose access at once, and its open connections close.
      </ConfirmDialog>
    </Stack>
  );
}
