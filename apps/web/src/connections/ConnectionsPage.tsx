import { Typography } from '@mui/material';

export default function ConnectionsPage() {
  return (
    <Typography component="h1" variant="h4">
      ConnectionsPage
    </Typography>
  );
}
