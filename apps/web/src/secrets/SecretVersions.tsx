import { useApolloClient, useMutation } from '@apollo/client/react';
import {
  Button,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { WebSecretDetailsQuery } from '@secrets/schema/generated/graphql';
import { useState } from 'react';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { apiError } from '../common/errors';
import { DateText } from './format';
import { RollbackSecretDocument } from './graphql';

type Details = NonNullable<WebSecretDetailsQuery['secret']>;

interface Props {
  secret: Pick<Details, 'id' | 'name' | 'valueVersion' | 'versions'>;
  /** An admin, on a secret that is not revoked. */
  canRollBack: boolean;
  onRolledBack: (message: string) => void;
}

/** The secret's stored values, newest first: metadata only, never a value. */
export function SecretVersions({ secret, canRollBack, onRolledBack }: Props) {
  // The current version as the admin saw it when choosing, sent as check-and-set.
  const [target, setTarget] = useState<{ version: number; current: number } | null>(null);
  return (
    <>
      <Table size="small" aria-label="Versions">
        <TableHead>
          <TableRow>
            <TableCell>Version</TableCell>
            <TableCell>Created</TableCell>
            <TableCell>By</TableCell>
            <TableCell>Last used</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {secret.versions.map((version) => (
            <TableRow key={version.version}>
              <TableCell component="th" scope="row">
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <span>Version {version.version}</span>
                  {version.current && <Chip label="Current" size="small" color="primary" />}
                </Stack>
                {version.restoredFrom !== null && (
                  <Typography variant="body2" color="text.secondary">
                    Restored from version {version.restoredFrom}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <DateText value={version.createdAt} withTime />
              </TableCell>
              <TableCell>{version.createdBy?.email ?? '—'}</TableCell>
              <TableCell>
                <DateText value={version.lastUsedAt} empty="Never" withTime />
              </TableCell>
              <TableCell align="right">
                {canRollBack && !version.current && (
                  <Button
                    size="small"
                    onClick={() =>
                      setTarget({ version: version.version, current: secret.valueVersion })
                    }
                  >
                    Roll back to this version
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {target && (
        <RollbackDialog
          secret={secret}
          version={target.version}
          current={target.current}
          onClose={() => setTarget(null)}
          onDone={(message) => {
            setTarget(null);
            onRolledBack(message);
          }}
        />
      )}
    </>
  );
}

function RollbackDialog({
  secret,
  version,
  current,
  onClose,
  onDone,
}: {
  secret: Pick<Details, 'id' | 'name'>;
  version: number;
  current: number;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const client = useApolloClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [rollback, { loading }] = useMutation(RollbackSecretDocument, {
    refetchQueries: ['WebSecretDetails', 'WebSecretsList'],
  });

  async function confirm() {
    setFailure(null);
    try {
      const result = await rollback({
        variables: { id: secret.id, version, expectedValueVersion: current },
      });
      const stored = result.data?.rollbackSecret.valueVersion ?? current + 1;
      onDone(
        `Secret "${secret.name}" rolled back: version ${stored} holds the value of version ${version}.`,
      );
    } catch (error) {
      const { code, message } = apiError(error);
      if (code !== 'VERSION_CONFLICT') {
        setFailure(message);
        return;
      }
      setFailure(
        'Someone else changed this secret since you opened it, so nothing was rolled back. Cancel, look at its versions again (now shown as they are), then choose.',
      );
      void client.refetchQueries({ include: ['WebSecretDetails'] });
    }
  }

  return (
    <ConfirmDialog
      open
      title={`Roll back to version ${version}?`}
      error={failure ?? undefined}
      busy={loading}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <p>
        The value of version {version} becomes the current value of <strong>{secret.name}</strong>,
        stored as version {current + 1}. Every workflow step and connection that uses the secret
        sends that value from then on.
      </p>
      <p>
        The current value (version {current}) stays in the history, among the newest versions kept.
        The name, description, expiration date and allowed hosts do not change.
      </p>
    </ConfirmDialog>
  );
}
