import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../common/errors';
import { LoginDocument } from './graphql';

export function LoginPage() {
  const client = useApolloClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [login, { loading, error }] = useMutation(LoginDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await login({ variables: { email, password } }).catch(() => null);
    // The session cookie is set: reload every query as the signed-in user.
    if (result?.data) await client.resetStore();
  }

  return (
    <Box sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh', bgcolor: 'grey.100' }}>
      <Paper component="form" onSubmit={submit} sx={{ p: 4, width: 380 }} aria-label="Log in">
        <Stack spacing={2}>
          <Typography variant="h5" component="h1">
            Secrets
          </Typography>
          {error && <Alert severity="error">{errorMessage(error)}</Alert>}
          <TextField
            label="Email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
            autoFocus
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
          <Button type="submit" variant="contained" disabled={loading}>
            Log in
          </Button>
        </Stack>
      </Paper>
    </Box>
  );
}
