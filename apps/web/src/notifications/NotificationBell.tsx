import { useMutation, useQuery } from '@apollo/client/react';
import NotificationsIcon from '@mui/icons-material/Notifications';
import {
  Badge,
  Box,
  Button,
  IconButton,
  List,
  ListItemButton,
  ListItemText,
  Popover,
  Typography,
} from '@mui/material';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { MarkReadDocument, NotificationsDocument } from './graphql';
import { secretLink } from '@secrets/rules';

/** The bell: unread count, and a panel that lists reminders and marks them read. */
export function NotificationBell() {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { data } = useQuery(NotificationsDocument, { fetchPolicy: 'cache-and-network' });
  const [markRead] = useMutation(MarkReadDocument, { refetchQueries: [NotificationsDocument] });
  const notifications = data?.notifications ?? [];
  const unread = notifications.filter((item) => !item.readAt);

  return (
    <>
      <IconButton
        color="inherit"
        aria-label={`Notifications (${unread.length} unread)`}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        <Badge badgeContent={unread.length} color="error">
          <NotificationsIcon />
        </Badge>
      </IconButton>
      <Popover
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { 'aria-label': 'Notifications', sx: { width: 420, maxHeight: 480 } } }}
      >
        <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 1 }}>
          <Typography variant="subtitle1" sx={{ flexGrow: 1 }}>
            Expiry reminders
          </Typography>
          <Button
            size="small"
            disabled={unread.length === 0}
            onClick={() => void markRead({ variables: { ids: unread.map((item) => item.id) } })}
          >
            Mark all as read
          </Button>
        </Box>
        {notifications.length === 0 ? (
          <Typography sx={{ px: 2, pb: 2 }} color="text.secondary">
            No reminders.
          </Typography>
        ) : (
          <List dense>
            {notifications.map((item) => (
              <ListItemButton
                key={item.id}
                component={RouterLink}
                to={secretLink(item.secretId, item.secretKind)}
                onClick={() => {
                  setAnchor(null);
                  if (!item.readAt) void markRead({ variables: { ids: [item.id] } });
                }}
                sx={{ bgcolor: item.readAt ? undefined : 'action.hover' }}
              >
                <ListItemText
                  primary={item.message}
                  secondary={dayjs(item.createdAt).format('YYYY-MM-DD HH:mm')}
                  slotProps={{
                    primary: { variant: 'body2', sx: { fontWeight: item.readAt ? 400 : 600 } },
                  }}
                />
              </ListItemButton>
            ))}
          </List>
        )}
      </Popover>
    </>
  );
}
