import { useQuery } from '@apollo/client/react';
import { CssBaseline, ThemeProvider, createTheme } from '@mui/material';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { MeDocument } from '../auth/graphql';
import { LoginPage } from '../auth/LoginPage';
import { SessionProvider } from '../auth/session';
import { Layout } from './Layout';
import { lazyPage, Loading } from './pages';

// Each page is its own chunk, so the first page loads only what it shows.
const SettingsHome = lazyPage(() => import('./SettingsHome'));
const SecretsPage = lazyPage(() => import('../secrets/SecretsPage'));
const ConnectionsPage = lazyPage(() => import('../connections/ConnectionsPage'));
const WorkflowsPage = lazyPage(() => import('../workflows/WorkflowsPage'));
const WorkflowEditorPage = lazyPage(() => import('../workflows/WorkflowEditorPage'));
const AuditPage = lazyPage(() => import('../admin/AuditPage'));
const NotificationsPage = lazyPage(() => import('../notifications/NotificationsPage'));
const ApiTokensPage = lazyPage(() => import('../admin/ApiTokensPage'));
const UsersPage = lazyPage(() => import('../admin/UsersPage'));

const theme = createTheme();

function Routed() {
  const { data, loading } = useQuery(MeDocument);
  if (loading && !data) return <Loading />;
  const user = data?.me;
  if (!user) return <LoginPage />;
  return (
    <SessionProvider user={user}>
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
