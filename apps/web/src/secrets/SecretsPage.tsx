import { Box, Button, Snackbar, Stack, Tab, Tabs, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import type { SecretKind } from '@secrets/schema/generated/graphql';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCanEdit } from '../auth/session';
import { AddSecretDialog } from './AddSecretDialog';
import { DeleteSecretDialog, RevokeSecretDialog, type SecretTarget } from './ConfirmDialogs';
import { SecretDetailsDialog } from './SecretDetailsDialog';
import { SecretsTable, TABLE_LABEL, type SecretRow } from './SecretsTable';

const TAB_OF: Record<SecretKind, string> = { INTEGRATION: 'integration', WEBHOOK: 'webhook' };
const KINDS: SecretKind[] = ['INTEGRATION', 'WEBHOOK'];

const INTRO: Record<SecretKind, string> = {
  INTEGRATION:
    'Integration secrets authenticate persistent connections to external platforms. Store each secret once and select it from a dropdown when configuring a connection.',
  WEBHOOK:
    'Webhook secrets authenticate outgoing HTTP requests in workflows. Reference them in HTTP Request step header values as {secret:name}; HTTPS is enforced when secrets are used.',
};

type Confirm = { action: 'revoke' | 'delete'; secret: SecretTarget };

/** Settings → Integrations → Secrets: ?tab=integration|webhook, &secret=<id> opens its details. */
export default function SecretsPage() {
  const canEdit = useCanEdit();
  const [params, setParams] = useSearchParams();
  const kind: SecretKind = params.get('tab') === 'webhook' ? 'WEBHOOK' : 'INTEGRATION';
  const openId = params.get('secret');
  const [adding, setAdding] = useState(false);
  const [editAt, setEditAt] = useState<'expiresAt' | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  function selectTab(next: SecretKind) {
    setParams({ tab: TAB_OF[next] });
  }

  function openDetails(row: SecretRow, at: 'expiresAt' | null = null) {
    setEditAt(at);
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('tab', TAB_OF[row.kind]);
      next.set('secret', row.id);
      return next;
    });
  }

  function closeDetails() {
    setEditAt(null);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('secret');
        return next;
      },
      { replace: true },
    );
  }

  return (
    <Box>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
        <Typography component="h1" variant="h4" sx={{ flexGrow: 1 }}>
          Secrets
        </Typography>
        {canEdit && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
            Add Secret
          </Button>
        )}
      </Stack>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Store each credential once, encrypted, and reuse it across connections and HTTP Request
        workflow steps. A value is never shown again once stored.
      </Typography>
      <Tabs
        value={kind}
        onChange={(_event, next: SecretKind) => selectTab(next)}
        aria-label="Secret kinds"
        sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}
      >
        {KINDS.map((item) => (
          <Tab
            key={item}
            value={item}
            label={TABLE_LABEL[item]}
            id={`secrets-tab-${TAB_OF[item]}`}
            aria-controls={`secrets-panel-${TAB_OF[item]}`}
          />
        ))}
      </Tabs>
      <Box
        role="tabpanel"
        id={`secrets-panel-${TAB_OF[kind]}`}
        aria-labelledby={`secrets-tab-${TAB_OF[kind]}`}
      >
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {INTRO[kind]}
        </Typography>
        <SecretsTable
          key={kind}
          kind={kind}
          canEdit={canEdit}
          onOpen={(row) => openDetails(row)}
          onExtend={(row) => openDetails(row, 'expiresAt')}
          onCreateNew={() => setAdding(true)}
          onRevoke={(secret) => setConfirm({ action: 'revoke', secret })}
          onDelete={(secret) => setConfirm({ action: 'delete', secret })}
        />
      </Box>

      {adding && (
        <AddSecretDialog
          kind={kind}
          onClose={() => setAdding(false)}
          onCreated={(secret) => {
            setAdding(false);
            setMessage(`Secret "${secret.name}" created.`);
          }}
        />
      )}
      {openId && (
        <SecretDetailsDialog
          key={`${openId}:${editAt ?? ''}`}
          id={openId}
          canEdit={canEdit}
          editAt={editAt}
          onClose={closeDetails}
        />
      )}
      {confirm?.action === 'revoke' && (
        <RevokeSecretDialog
          secret={confirm.secret}
          onClose={() => setConfirm(null)}
          onDone={(text) => {
            setConfirm(null);
            setMessage(text);
          }}
        />
      )}
      {confirm?.action === 'delete' && (
        <DeleteSecretDialog
          secret={confirm.secret}
          onClose={() => setConfirm(null)}
          onDone={(text) => {
            setConfirm(null);
            setMessage(text);
          }}
        />
      )}
      <Snackbar
        open={message !== null}
        autoHideDuration={5000}
        onClose={() => setMessage(null)}
        message={message}
      />
    </Box>
  );
}
