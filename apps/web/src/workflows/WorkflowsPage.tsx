import { Typography } from '@mui/material';

export default function WorkflowsPage() {
  return (
    <Typography component="h1" variant="h4">
      WorkflowsPage
    </Typography>
  );
}
