import { useMutation } from '@apollo/client/react';
import {
  AppBar,
  Box,
  Button,
  Drawer,
  List,
  ListItemButton,
  ListItemText,
  ListSubheader,
  Toolbar,
  Typography,
} from '@mui/material';
import { Link as RouterLink, Outlet, useLocation } from 'react-router';
import { LogoutDocument } from '../auth/graphql';
import { useSession } from '../auth/session';
import { NotificationBell } from '../notifications/NotificationBell';
import { LiveUpdates } from '../notifications/LiveUpdates';
import { PageFrame } from './pages';

const DRAWER_WIDTH = 240;

/** The sidebar of the manual: Settings, and under it the Integrations group. */
const SETTINGS_SECTIONS = [
  {
    title: 'Integrations',
    items: [
      { label: 'Secrets', to: '/settings/integrations/secrets' },
      { label: 'Connections', to: '/settings/integrations/connections' },
      { label: 'Workflows', to: '/settings/integrations/workflows' },
    ],
  },
  {
    title: 'Administration',
    items: [
      { label: 'Notifications', to: '/settings/notifications' },
      { label: 'Audit log', to: '/settings/audit' },
      { label: 'API tokens', to: '/settings/api-tokens' },
      { label: 'Users', to: '/settings/users' },
    ],
  },
];

export function Layout() {
  const user = useSession();
  const { pathname } = useLocation();
  const [logout] = useMutation(LogoutDocument);
  const inSettings = pathname.startsWith('/settings');

  async function signOut() {
    await logout().catch(() => undefined);
    // A full reload drops every query, subscription and cached secret metadata at once.
    window.location.assign('/');
  }

  return (
    <Box sx={{ display: 'flex' }}>
      <AppBar position="fixed" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar>
          <Typography variant="h6" component="div" sx={{ flexGrow: 1 }}>
            Secrets
          </Typography>
          <NotificationBell />
          <Typography variant="body2" sx={{ mx: 2 }} aria-label="Signed in as">
            {user.email} ({user.role === 'ADMIN' ? 'Admin' : 'Viewer'})
          </Typography>
          <Button color="inherit" onClick={signOut}>
            Log out
          </Button>
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH } }}
      >
        <Toolbar />
        <nav aria-label="Left sidebar">
          <List>
            <ListItemButton
              component={RouterLink}
              to="/settings"
              selected={pathname === '/settings'}
            >
              <ListItemText primary="Settings" />
            </ListItemButton>
            {inSettings &&
              SETTINGS_SECTIONS.map((section) => (
                <List
                  key={section.title}
                  dense
                  aria-label={section.title}
                  subheader={<ListSubheader component="div">{section.title}</ListSubheader>}
                >
                  {section.items.map((item) => (
                    <ListItemButton
                      key={item.to}
                      component={RouterLink}
                      to={item.to}
                      selected={pathname.startsWith(item.to)}
                      sx={{ pl: 4 }}
                    >
                      <ListItemText primary={item.label} />
                    </ListItemButton>
                  ))}
                </List>
              ))}
          </List>
        </nav>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, p: 3, minWidth: 0 }}>
        <Toolbar />
        <LiveUpdates />
        <PageFrame resetKey={pathname}>
          <Outlet />
        </PageFrame>
      </Box>
    </Box>
  );
}
