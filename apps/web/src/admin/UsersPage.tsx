import { Typography } from '@mui/material';

export default function UsersPage() {
  return (
    <Typography component="h1" variant="h4">
      UsersPage
    </Typography>
  );
}
