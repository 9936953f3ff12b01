import { useQuery } from '@apollo/client/react';
import { Box, CircularProgress, CssBaseline, ThemeProvider, createTheme } from '@mui/material';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { MeDocument } from '../auth/graphql';
import { LoginPage } from '../auth/LoginPage';
import { SessionProvider } from '../auth/session';
import { Layout } from './Layout';

// Each page is its own chunk, so the first page loads only what it shows.
const SettingsHome = lazy(() => import('./SettingsHome'));
const SecretsPage = lazy(() => import('../secrets/SecretsPage'));
const ConnectionsPage = lazy(() => import('../connections/ConnectionsPage'));
const WorkflowsPage = lazy(() => import('../workflows/WorkflowsPage'));
const WorkflowEditorPage = lazy(() => import('../workflows/WorkflowEditorPage'));
const AuditPage = lazy(() => import('../admin/AuditPage'));
const NotificationsPage = lazy(() => import('../notifications/NotificationsPage'));
const ApiTokensPage = lazy(() => import('../admin/ApiTokensPage'));
const UsersPage = lazy(() => import('../admin/UsersPage'));

const theme = createTheme();

const Loading = () => (
  <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
    <CircularProgress aria-label="Loading" />
  </Box>
);

function Routed() {
  const { data, loading } = useQuery(MeDocument);
  if (loading && !data) return <Loading />;
  const user = data?.me;
  if (!user) return <LoginPage />;
  return (
    <SessionProvider user={user}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<Navigate to="/settings/integrations/secrets" replace />} />
            <Route path="settings" element={<SettingsHome />} />
            <Route path="settings/integrations/secrets" element={<SecretsPage />} />
            <Route path="settings/integrations/connections" element={<ConnectionsPage />} />
            <Route path="settings/integrations/workflows" element={<WorkflowsPage />} />
            <Route path="settings/integrations/workflows/:id" element={<WorkflowEditorPage />} />
            <Route path="settings/notifications" element={<NotificationsPage />} />
            <Route path="settings/audit" element={<AuditPage />} />
            <Route path="settings/api-tokens" element={<ApiTokensPage />} />
            <Route path="settings/users" element={<UsersPage />} />
            <Route path="*" element={<Navigate to="/settings" replace />} />
          </Route>
        </Routes>
      </Suspense>
    </SessionProvider>
  );
}

export function App() {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <LocalizationProvider dateAdapter={AdapterDayjs}>
        <BrowserRouter>
          <Routed />
        </BrowserRouter>
      </LocalizationProvider>
    </ThemeProvider>
  );
}
