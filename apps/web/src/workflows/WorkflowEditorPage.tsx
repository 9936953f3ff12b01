import { Typography } from '@mui/material';

export default function WorkflowEditorPage() {
  return (
    <Typography component="h1" variant="h4">
      WorkflowEditorPage
    </Typography>
  );
}
