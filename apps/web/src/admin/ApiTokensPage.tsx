import { Typography } from '@mui/material';

export default function ApiTokensPage() {
  return (
    <Typography component="h1" variant="h4">
      ApiTokensPage
    </Typography>
  );
}
