import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
  Chip,
  LinearProgress,
  Paper,
  Snackbar,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { DeliveryStatus } from '@secrets/schema/generated/graphql';
import { Fragment, useState } from 'react';
import { useCanEdit } from '../auth/session';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { apiError, errorMessage } from '../common/errors';
import { CHANNEL_TYPES, ChannelDialog, type ChannelRow } from './ChannelDialog';
import {
  DeleteNotificationChannelDocument,
  NotificationChannelsDocument,
  TestNotificationChannelDocument,
} from './channels.graphql';

const STATUS: Record<DeliveryStatus, { label: string; color: 'default' | 'success' | 'error' }> = {
  PENDING: { label: 'Pending', color: 'default' },
  DELIVERED: { label: 'Delivered', color: 'success' },
  FAILED: { label: 'Failed', color: 'error' },
};

const COLUMNS = 6;

function target(channel: ChannelRow): string {
  switch (channel.type) {
    case 'EMAIL':
      return channel.emailTo.join(', ');
    case 'WEBHOOK':
      return channel.url ?? '';
    case 'SLACK':
      return channel.secret ? `URL in secret ${channel.secret.name}` : 'Secret deleted';
  }
}

const when = (date: string | null) => (date ? new Date(date).toLocaleString() : '');

/** Administration › Notifications: where expiry reminders go besides the bell (issue 15). */
export default function NotificationsPage() {
  const canEdit = useCanEdit();
  const { data, loading, error, refetch } = useQuery(NotificationChannelsDocument, {
    fetchPolicy: 'cache-and-network',
  });
  const [dialog, setDialog] = useState<{ channel: ChannelRow | null }>();
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const [deleting, setDeleting] = useState<ChannelRow>();
  const [deleteError, setDeleteError] = useState<string>();
  const [force, setForce] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [testing, setTesting] = useState<Record<string, boolean>>({});
  const [testChannel] = useMutation(TestNotificationChannelDocument);
  const [deleteChannel, deleteState] = useMutation(DeleteNotificationChannelDocument);
  const channels = data?.notificationChannels ?? [];

  async function sendTest(channel: ChannelRow) {
    setTesting((previous) => ({ ...previous, [channel.id]: true }));
    try {
      const result = await testChannel({ variables: { id: channel.id } });
      const delivery = result.data?.testNotificationChannel;
      setNotice(
        delivery?.status === 'DELIVERED'
          ? `Test message sent through "${channel.name}".`
          : `The test through "${channel.name}" failed: ${delivery?.lastError ?? 'unknown error'}`,
      );
      setOpen((previous) => ({ ...previous, [channel.id]: true }));
      await refetch();
    } catch (failure) {
      setNotice(errorMessage(failure));
    } finally {
      setTesting((previous) => ({ ...previous, [channel.id]: false }));
    }
  }

  async function confirmDelete() {
    if (!deleting) return;
    setDeleteError(undefined);
    try {
      await deleteChannel({ variables: { id: deleting.id, force } });
      setNotice(`Channel "${deleting.name}" deleted.`);
      setDeleting(undefined);
      await refetch();
    } catch (failure) {
      const { field, message } = apiError(failure);
      setDeleteError(message);
      // Pending deliveries: OK again deletes them with the channel.
      if (field === 'force') setForce(true);
    }
  }

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography component="h1" variant="h4">
          Notifications
        </Typography>
        {canEdit && (
          <Button variant="contained" onClick={() => setDialog({ channel: null })}>
            Add Channel
          </Button>
        )}
      </Stack>
      <Typography color="text.secondary">
        Expiry reminders go to every enabled channel, each once: by email, to Slack, or as a signed
        webhook.
      </Typography>
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      <TableContainer component={Paper}>
        {loading && <LinearProgress aria-label="Loading channels" />}
        <Table aria-label="Notification channels">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Type</TableCell>
              <TableCell>Target</TableCell>
              <TableCell>Reminders of</TableCell>
              <TableCell>Last delivery</TableCell>
              <TableCell align="right">Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {!loading && channels.length === 0 && (
              <TableRow>
                <TableCell colSpan={COLUMNS}>
                  <Typography color="text.secondary">
                    No channels yet.
                    {canEdit && ' Click Add Channel to send reminders by email, Slack or webhook.'}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {channels.map((channel) => {
              const [last] = channel.deliveries;
              return (
                <Fragment key={channel.id}>
                  <TableRow>
                    <TableCell component="th" scope="row">
                      {channel.name}
                      {!channel.enabled && (
                        <Chip size="small" label="Disabled" sx={{ ml: 1 }} variant="outlined" />
                      )}
                    </TableCell>
                    <TableCell>
                      {CHANNEL_TYPES.find((type) => type.value === channel.type)?.label}
                    </TableCell>
                    <TableCell sx={{ wordBreak: 'break-all' }}>{target(channel)}</TableCell>
                    <TableCell>
                      {channel.kind === 'INTEGRATION'
                        ? 'Integration secrets'
                        : channel.kind === 'WEBHOOK'
                          ? 'Webhook secrets'
                          : 'Both kinds'}
                    </TableCell>
                    <TableCell>
                      {last ? (
                        <Chip
                          size="small"
                          label={STATUS[last.status].label}
                          color={STATUS[last.status].color}
                        />
                      ) : (
                        <Typography color="text.secondary">None yet</Typography>
                      )}
                    </TableCell>
                    <TableCell align="right">
                      <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
                        <Button
                          size="small"
                          onClick={() =>
                            setOpen((previous) => ({
                              ...previous,
                              [channel.id]: !previous[channel.id],
                            }))
                          }
                        >
                          Deliveries
                        </Button>
                        {canEdit && (
                          <>
                            <Button
                              size="small"
                              onClick={() => sendTest(channel)}
                              disabled={testing[channel.id]}
                            >
                              Send test
                            </Button>
                            <Button size="small" onClick={() => setDialog({ channel })}>
                              Edit
                            </Button>
                            <Button
                              size="small"
                              color="error"
                              onClick={() => {
                                setDeleteError(undefined);
                                setForce(false);
                                setDeleting(channel);
                              }}
                            >
                              Delete
                            </Button>
                          </>
                        )}
                      </Stack>
                    </TableCell>
                  </TableRow>
                  {open[channel.id] && (
                    <TableRow>
                      <TableCell colSpan={COLUMNS} sx={{ py: 1 }}>
                        <Table size="small" aria-label={`Deliveries of ${channel.name}`}>
                          <TableHead>
                            <TableRow>
                              <TableCell>Reminder</TableCell>
                              <TableCell>Status</TableCell>
                              <TableCell>Attempts</TableCell>
                              <TableCell>Created</TableCell>
                              <TableCell>Delivered</TableCell>
                              <TableCell>Last error</TableCell>
                            </TableRow>
                          </TableHead>
                          <TableBody>
                            {channel.deliveries.length === 0 && (
                              <TableRow>
                                <TableCell colSpan={6}>No deliveries yet.</TableCell>
                              </TableRow>
                            )}
                            {channel.deliveries.map((delivery) => (
                              <TableRow key={delivery.id}>
                                <TableCell>
                                  {delivery.notification
                                    ? `${delivery.notification.secretName} (${delivery.notification.thresholdDays === 0 ? 'expired' : `${delivery.notification.thresholdDays}-day warning`})`
                                    : 'Test message'}
                                </TableCell>
                                <TableCell>
                                  <Chip
                                    size="small"
                                    label={STATUS[delivery.status].label}
                                    color={STATUS[delivery.status].color}
                                  />
                                </TableCell>
                                <TableCell>{delivery.attempts}</TableCell>
                                <TableCell>{when(delivery.createdAt)}</TableCell>
                                <TableCell>{when(delivery.deliveredAt)}</TableCell>
                                <TableCell sx={{ wordBreak: 'break-word' }}>
                                  {delivery.lastError}
                                </TableCell>
                              </TableRow>
                            ))}
                          </TableBody>
                        </Table>
                      </TableCell>
                    </TableRow>
                  )}
                </Fragment>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {dialog && (
        <ChannelDialog
          channel={dialog.channel}
          onClose={() => setDialog(undefined)}
          onSaved={(name) => {
            setNotice(dialog.channel ? `Channel "${name}" updated.` : `Channel "${name}" created.`);
            setDialog(undefined);
            void refetch();
          }}
        />
      )}
      <ConfirmDialog
        open={Boolean(deleting)}
        title="Delete channel?"
        error={deleteError}
        busy={deleteState.loading}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(undefined)}
      >
        {force
          ? `OK deletes "${deleting?.name}" and drops its pending deliveries.`
          : `The channel "${deleting?.name}" and its delivery log will be deleted.`}
      </ConfirmDialog>
      <Snackbar
        open={Boolean(notice)}
        autoHideDuration={5000}
        onClose={() => setNotice(undefined)}
        message={notice}
      />
    </Stack>
  );
}
