import { z } from 'zod';
import { DEFAULT_DENY_CIDRS, parseCidr } from './outbound/destination-policy';
import { isBareOrigin, originOf } from './common/origins';

const base64Key = z
  .string()
  .trim()
  .refine(
    (value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32,
    { message: 'must be 32 bytes encoded as base64 (openssl rand -base64 32)' },
  );

const dayList = z
  .string()
  .trim()
  .regex(/^\d+(\s*,\s*\d+)*$/, 'must be a comma-separated list of whole days, e.g. 30,7,1')
  .transform((value) =>
    [...new Set(value.split(',').map((day) => Number(day.trim())))]
      .filter((day) => day > 0)
      .sort((a, b) => b - a),
  );

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const cidrList = commaList.pipe(
  z.array(
    z.string().refine((cidr) => parseCidr(cidr) !== null, {
      message: 'must list CIDR ranges, e.g. 10.0.0.0/8,fd00::/8',
    }),
  ),
);

/** Positive milliseconds, comma-separated, in the order given. */
const delayList = z
  .string()
  .trim()
  .regex(/^\d+(\s*,\s*\d+)*$/, 'must be a comma-separated list of milliseconds, e.g. 5000,30000')
  .transform((value) => value.split(',').map((delay) => Number(delay.trim())))
  .refine((delays) => delays.every((delay) => delay > 0), { message: 'must be positive' });

/** RESPONSE_MAX_BYTES's default. */
export const DEFAULT_RESPONSE_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Every environment variable the server reads. Zod's messages never quote the rejected
 * input, so a bad sensitive value is reported by its name only.
 */
const configSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Origins (comma-separated, e.g. https://secrets.example.com) whose pages may open the
   * WebSocket; unset: the server's own http://HOST:PORT (and localhost for a loopback HOST).
   */
  PUBLIC_ORIGIN: commaList
    .pipe(
      z.array(
        z.string().refine(isBareOrigin, {
          message: 'must list origins, e.g. https://secrets.example.com,http://localhost:5173',
        }),
      ),
    )
    .transform((origins) => origins.flatMap((origin) => originOf(origin) ?? []))
    .optional(),
  /** PostgreSQL; unset starts an embedded server under DATA_DIR. Sensitive. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * The longest one SQL statement may run, and the longest a request waits for a pooled
   * connection: past it the request fails with SERVICE_UNAVAILABLE instead of holding its
   * slot. Migrations and the LISTEN connection are exempt.
   */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /** The embedded PostgreSQL's files and, outside production, the generated key file. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** The key-encryption key, 32 bytes base64. Sensitive. */
  SECRETS_MASTER_KEY: base64Key.optional(),
  /** Older master keys that still open values during a rotation, comma-separated. Sensitive. */
  SECRETS_PREVIOUS_MASTER_KEYS: commaList.pipe(z.array(base64Key)).default([]),
  ADMIN_EMAIL: z.email().optional(),
  /** Sensitive. */
  ADMIN_PASSWORD: z.string().min(12).max(1024).optional(),
  EXPIRY_WARNING_DAYS: dayList.default([30, 7, 1]),
  EXPIRY_SCAN_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /**
   * The SMTP server of EMAIL channels: smtp:// or smtps://, user and password allowed in the
   * URL. Unset: no EMAIL channel can be created. Sensitive.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The sender of EMAIL channels' messages. */
  SMTP_FROM: z.string().trim().min(3).default('secrets@localhost'),
  /**
   * N2: the waits before each retry of a channel delivery; after the last retry fails the
   * delivery is FAILED. One attempt plus one per delay.
   */
  CHANNEL_RETRY_DELAYS_MS: delayList.default([5000, 30000, 120000, 600000, 1800000]),
  /** How often each server looks for channel deliveries that are due. */
  CHANNEL_POLL_INTERVAL_MS: z.coerce.number().int().min(20).max(600_000).default(1000),
  HTTP_STEP_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(30_000),
  /** How many values of each secret are kept (V2): the newest, the current one included. */
  SECRET_VERSIONS_KEPT: z.coerce.number().int().min(1).max(1000).default(10),
  /** Where outgoing requests may not go, checked after DNS and on every redirect hop. */
  OUTBOUND_DENY_CIDRS: cidrList.default(DEFAULT_DENY_CIDRS),
  /** Exceptions to the above, e.g. 127.0.0.0/8,::1/128 for a local test peer. */
  OUTBOUND_ALLOW_CIDRS: cidrList.default([]),
  /**
   * Proxies (CIDRs) whose X-Forwarded-For names the client, for login limits and the audit
   * log: the rightmost address not in these ranges is the client. Empty: the socket's address.
   */
  TRUSTED_PROXIES: cidrList.default([]),
  /** Absolute lifetime of a login session: it ends this long after login, however active. */
  SESSION_TTL_HOURS: z.coerce.number().positive().max(720).default(12),
  /** Idle lifetime of a login session: it ends after this long unused (tracked to a minute). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(43_200).default(30),
  /** How often open WebSockets check that their login session has not ended. */
  SESSION_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /**
   * The most one GraphQL answer may weigh, in bytes: an operation that could exceed it is
   * refused before it runs, and one that does is stopped with RESPONSE_TOO_LARGE.
   */
  RESPONSE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(256 * 1024 * 1024)
    .default(DEFAULT_RESPONSE_MAX_BYTES),
  /**
   * The bearer token Prometheus sends to read GET /metrics; unset, /metrics answers 404.
   * Sensitive.
   */
  METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  /**
   * How long a stopping replica (SIGTERM) keeps serving with /readyz at 503 before it stops
   * accepting connections: for load balancers that poll /readyz. 0 (nginx, which learns from
   * refused connections) closes the listener at once.
   */
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(300_000).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Serve the built SPA at `/`. */
  SERVE_WEB: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
});

export type Config = Readonly<z.output<typeof configSchema>>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment once; the first bad variable stops the start with one line naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(configSchema.shape).map((name) => [name, env[name] === '' ? undefined : env[name]]),
  );
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${name}: ${issue?.message ?? 'invalid value'}`);
  }
  if (result.data.NODE_ENV === 'production' && !result.data.SECRETS_MASTER_KEY) {
    throw new ConfigError(
      'Invalid configuration: SECRETS_MASTER_KEY: required in production (32 bytes, base64)',
    );
  }
  return Object.freeze(result.data);
}
