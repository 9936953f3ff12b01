import { useQuery } from '@apollo/client/react';
import {
  Alert,
  Box,
  Button,
  FormControl,
  IconButton,
  InputAdornment,
  InputLabel,
  LinearProgress,
  Link,
  Menu,
  MenuItem,
  Paper,
  Select,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { alpha, type Theme } from '@mui/material/styles';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import SearchIcon from '@mui/icons-material/Search';
import type {
  SecretFilter,
  SecretKind,
  SecretStatus,
  WebSecretRowFragment,
} from '@secrets/schema/generated/graphql';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../common/errors';
import { DateText, fromNow, needsRotation, STATUS_LABEL, StatusChip } from './format';
import { SecretsListDocument } from './graphql';

export type SecretRow = WebSecretRowFragment;

export const TABLE_LABEL: Record<SecretKind, string> = {
  INTEGRATION: 'Integration Secrets',
  WEBHOOK: 'Webhook Secrets',
};

// Read by screen readers, not shown (the column holds only the actions buttons).
const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;

const ROTATION_BUTTON = { py: 0, px: 0.5, minWidth: 0, whiteSpace: 'nowrap' } as const;

const STATUSES: SecretStatus[] = ['ACTIVE', 'EXPIRING', 'EXPIRED', 'REVOKED'];
const PAGE_SIZES = [25, 50, 100];
const SEARCH_DELAY_MS = 300;

interface Props {
  kind: SecretKind;
  canEdit: boolean;
  onOpen: (row: SecretRow) => void;
  onExtend: (row: SecretRow) => void;
  onCreateNew: () => void;
  onRevoke: (row: SecretRow) => void;
  onDelete: (row: SecretRow) => void;
}

// Expiring and expired rows stand out, and keep their colour (a shade darker) on hover.
const rowTint = (status: SecretStatus) => (theme: Theme) =>
  status === 'EXPIRED'
    ? theme.palette.error.main
    : status === 'EXPIRING'
      ? theme.palette.warning.main
      : null;

const rowSx = (status: SecretStatus) => (theme: Theme) => {
  const tint = rowTint(status)(theme);
  return {
    ...(tint && {
      bgcolor: alpha(tint, 0.1),
      '&.MuiTableRow-hover:hover': { bgcolor: alpha(tint, 0.18) },
    }),
    // The actions button shows on hover and on keyboard focus (the manual's "Hover over
    // the secret"), and stays visible while its menu is open.
    '& .row-actions': { opacity: 0, transition: 'opacity 120ms' },
    '&:hover .row-actions, &:focus-within .row-actions, & .row-actions[aria-expanded="true"]': {
      opacity: 1,
    },
    '@media (hover: none)': { '& .row-actions': { opacity: 1 } },
  };
};

/** One kind's secrets: search, status filter and cursor pages over thousands of rows. */
export function SecretsTable({
  kind,
  canEdit,
  onOpen,
  onExtend,
  onCreateNew,
  onRevoke,
  onDelete,
}: Props) {
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<SecretStatus | ''>('');
  const [pageSize, setPageSize] = useState(50);
  // Cursor pages: cursors[i] is the `after` of page i (null for the first page).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState(0);
  const [menu, setMenu] = useState<{ anchor: HTMLElement; row: SecretRow } | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchText.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  // A new filter starts again at the first page.
  useEffect(() => {
    setCursors([null]);
    setPage(0);
  }, [search, status, pageSize]);

  const filter = useMemo<SecretFilter>(
    () => ({ kind, ...(search ? { search } : {}), ...(status ? { status: [status] } : {}) }),
    [kind, search, status],
  );
  const { data, loading, error } = useQuery(SecretsListDocument, {
    variables: { filter, first: pageSize, after: cursors[page] ?? null },
    fetchPolicy: 'cache-and-network',
  });
  const secrets = data?.secrets;
  const rows = secrets?.nodes ?? [];
  const label = TABLE_LABEL[kind];
  const filtered = Boolean(search || status);

  function changePage(next: number) {
    if (next > page) {
      const endCursor = secrets?.pageInfo.endCursor;
      if (!secrets?.pageInfo.hasNextPage || !endCursor) return;
      setCursors((current) => [...current.slice(0, next), endCursor]);
    }
    setPage(next);
  }

  return (
    <Paper variant="outlined">
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ p: 2 }}>
        <TextField
          label="Search"
          size="small"
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          placeholder="Name or description"
          sx={{ flexGrow: 1, maxWidth: 420 }}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
        />
        <FormControl size="small" sx={{ minWidth: 180 }}>
          <InputLabel id={`${kind}-status-label`}>Status</InputLabel>
          <Select
            labelId={`${kind}-status-label`}
            label="Status"
            value={status}
            onChange={(event) => setStatus(toStatus(event.target.value))}
          >
            <MenuItem value="">All statuses</MenuItem>
            {STATUSES.map((item) => (
              <MenuItem key={item} value={item}>
                {STATUS_LABEL[item]}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mx: 2, mb: 2 }}>
          {errorMessage(error)}
        </Alert>
      )}
      <Box sx={{ height: 4 }}>{loading && <LinearProgress aria-label="Loading secrets" />}</Box>
      <TableContainer>
        <Table aria-label={label} size="small">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Description</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Expiration date</TableCell>
              <TableCell>Last used</TableCell>
              <TableCell>Created by</TableCell>
              {canEdit && (
                <TableCell padding="checkbox">
                  <Box component="span" sx={visuallyHidden}>
                    Actions
                  </Box>
                </TableCell>
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id} hover data-status={row.status} sx={rowSx(row.status)}>
                <TableCell sx={{ minWidth: 140, maxWidth: 280, overflowWrap: 'anywhere' }}>
                  <Link
                    component="button"
                    type="button"
                    onClick={() => onOpen(row)}
                    sx={{
                      textAlign: 'left',
                      fontWeight: 500,
                      color: row.status === 'REVOKED' ? 'text.secondary' : undefined,
                      textDecoration: row.status === 'REVOKED' ? 'line-through' : undefined,
                    }}
                  >
                    {row.name}
                  </Link>
                </TableCell>
                <TableCell sx={{ maxWidth: 320, color: 'text.secondary' }}>
                  <Typography variant="body2" noWrap title={row.description ?? undefined}>
                    {row.description ?? ''}
                  </Typography>
                </TableCell>
                <TableCell>
                  <StatusChip status={row.status} />
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <DateText value={row.expiresAt} empty="Never" />
                  {needsRotation(row.status) && row.expiresAt && (
                    <Typography
                      variant="caption"
                      component="div"
                      color={row.status === 'EXPIRED' ? 'error' : 'warning.dark'}
                    >
                      {row.status === 'EXPIRED' ? 'Expired ' : 'Expires '}
                      {fromNow(row.expiresAt)}
                    </Typography>
                  )}
                  {canEdit && needsRotation(row.status) && (
                    <Stack sx={{ mt: 0.5, alignItems: 'flex-start' }}>
                      <Button size="small" sx={ROTATION_BUTTON} onClick={onCreateNew}>
                        Create a new secret
                      </Button>
                      <Button size="small" sx={ROTATION_BUTTON} onClick={() => onExtend(row)}>
                        Extend expiration date
                      </Button>
                    </Stack>
                  )}
                </TableCell>
                <TableCell>
                  <DateText value={row.lastUsedAt} empty="Never" withTime />
                </TableCell>
                <TableCell>{row.createdBy?.email ?? '—'}</TableCell>
                {canEdit && (
                  <TableCell padding="checkbox">
                    <IconButton
                      className="row-actions"
                      aria-label={`Actions for ${row.name}`}
                      aria-haspopup="menu"
                      aria-expanded={menu?.row.id === row.id}
                      onClick={(event) => setMenu({ anchor: event.currentTarget, row })}
                    >
                      <MoreVertIcon />
                    </IconButton>
                  </TableCell>
                )}
              </TableRow>
            ))}
            {!loading && rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={canEdit ? 7 : 6} sx={{ py: 4, textAlign: 'center' }}>
                  {filtered
                    ? 'No secrets match the search or status.'
                    : page > 0
                      ? 'No more secrets.'
                      : `No ${label.toLowerCase()} yet.`}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={secrets?.totalCount ?? 0}
        page={Math.min(page, Math.max(0, Math.ceil((secrets?.totalCount ?? 0) / pageSize) - 1))}
        rowsPerPage={pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_event, next) => changePage(next)}
        onRowsPerPageChange={(event) => setPageSize(Number(event.target.value))}
        getItemAriaLabel={(type) =>
          type === 'next'
            ? 'Next page'
            : type === 'previous'
              ? 'Previous page'
              : `Go to ${type} page`
        }
        slotProps={{
          actions: {
            nextButton: { disabled: loading || !secrets?.pageInfo.hasNextPage },
            previousButton: { disabled: loading || page === 0 },
          },
        }}
      />
      <Menu
        anchorEl={menu?.anchor ?? null}
        open={menu !== null}
        onClose={() => setMenu(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <MenuItem
          disabled={menu?.row.status === 'REVOKED'}
          onClick={() => {
            if (menu) onRevoke(menu.row);
            setMenu(null);
          }}
        >
          Revoke
        </MenuItem>
        <MenuItem
          onClick={() => {
            if (menu) onDelete(menu.row);
            setMenu(null);
          }}
          sx={{ color: 'error.main' }}
        >
          Delete
        </MenuItem>
      </Menu>
    </Paper>
  );
}

const toStatus = (value: string): SecretStatus | '' =>
  STATUSES.find((item) => item === value) ?? '';
