import { Typography } from '@mui/material';

export default function SecretsPage() {
  return (
    <Typography component="h1" variant="h4">
      SecretsPage
    </Typography>
  );
}
