import { Typography } from '@mui/material';

export default function AuditPage() {
  return (
    <Typography component="h1" variant="h4">
      AuditPage
    </Typography>
  );
}
