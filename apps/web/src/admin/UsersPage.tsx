import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
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
import { apiError, errorMessage } from '../common/errors';
import { formatDateTime } from '../common/format';
import { CreateUserDocument, UsersDocument } from './graphql';
import { RoleSelect, type RoleValue } from './RoleSelect';

function AddUserDialog({ onClose }: { onClose: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<RoleValue>('VIEWER');
  const [create, { error, loading }] = useMutation(CreateUserDocument, {
    refetchQueries: [UsersDocument],
  });
  const problem = error ? apiError(error) : null;
  const fieldError = (field: string) => (problem?.field === field ? problem.message : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({ variables: { input: { email, password, role } } }).catch(
      () => null,
    );
    if (result?.data) onClose();
  }

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="add-user-title">
      <DialogTitle id="add-user-title">Add User</DialogTitle>
      <form onSubmit={submit}>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {problem && !problem.field && <Alert severity="error">{problem.message}</Alert>}
            <TextField
              label="Email"
              type="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              required
              error={Boolean(fieldError('email'))}
              helperText={fieldError('email')}
            />
            <TextField
              label="Password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              required
              error={Boolean(fieldError('password'))}
              helperText={fieldError('password') ?? '12 to 1024 characters'}
            />
            <RoleSelect value={role} onChange={setRole} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={loading}>
            Add User
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export default function UsersPage() {
  const canEdit = useCanEdit();
  const { data, error } = useQuery(UsersDocument, { fetchPolicy: 'cache-and-network' });
  const [adding, setAdding] = useState(false);
  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography variant="h4" component="h1" sx={{ flexGrow: 1 }}>
          Users
        </Typography>
        {canEdit && (
          <Button variant="contained" onClick={() => setAdding(true)}>
            Add User
          </Button>
        )}
      </Stack>
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      <TableContainer component={Paper}>
        <Table size="small" aria-label="Users">
          <TableHead>
            <TableRow>
              <TableCell>Email</TableCell>
              <TableCell>Role</TableCell>
              <TableCell>Created</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data?.users.map((user) => (
              <TableRow key={user.id}>
                <TableCell>{user.email}</TableCell>
                <TableCell>{user.role === 'ADMIN' ? 'Admin' : 'Viewer'}</TableCell>
                <TableCell>{formatDateTime(user.createdAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {adding && <AddUserDialog onClose={() => setAdding(false)} />}
    </Stack>
  );
}
