import type { DataSource } from 'typeorm';
import { AuditService } from './audit/audit.service';
import { ApiTokenService } from './auth/api-token.service';
import { AuthService } from './auth/auth.service';
import { CredentialCache } from './auth/credential-cache';
import { UserService } from './auth/user.service';
import type { Config } from './config';
import { connectionSecretDependents } from './connections/connection-secret-dependents';
import { ConnectionService } from './connections/connection.service';
import type { Keyring } from './crypto/keyring';
import { DestinationPolicy } from './outbound/destination-policy';
import { OutboundClient, type OutboundResult } from './outbound/client';
import { ChannelSender } from './notifications/channel-sender';
import { channelSecretDependents } from './notifications/channel-secret-dependents';
import { NotificationChannelService } from './notifications/notification-channel.service';
import { NotificationService } from './notifications/notification.service';
import { SecretLifecycle } from './secrets/secret-lifecycle';
import { SecretQueries } from './secrets/secret-queries';
import { SecretRuntime } from './secrets/secret-runtime';
import { SecretVersions } from './secrets/secret-versions';
import { WorkflowRunner } from './workflows/workflow-runner';
import { workflowSecretDependents } from './workflows/workflow-secret-dependents';
import { WorkflowService } from './workflows/workflow.service';

export interface Services {
  audit: AuditService;
  auth: AuthService;
  /** This replica's authenticated credentials; the LISTEN connection tells it what to drop. */
  credentials: CredentialCache;
  users: UserService;
  apiTokens: ApiTokenService;
  /** Reads secrets; no value. */
  secrets: SecretQueries;
  secretLifecycle: SecretLifecycle;
  /** Stored values' metadata (Secret.versions); no value. */
  secretVersions: SecretVersions;
  /** The one way to a value: a recorded use. */
  secretRuntime: SecretRuntime;
  connections: ConnectionService;
  workflows: WorkflowService;
  workflowRunner: WorkflowRunner;
  notifications: NotificationService;
  /** Channels, their outbox and its attempts (the loop is http/'s DeliveryWorker). */
  notificationChannels: NotificationChannelService;
  /** Holds the SMTP connection; closed on shutdown. */
  channelSender: ChannelSender;
  /** The one client for outgoing HTTP; closed on shutdown after the last request. */
  outbound: OutboundClient;
}

/** The composition root of the domain: every service and what it depends on. */
export function createServices(deps: {
  config: Config;
  dataSource: DataSource;
  keyring: Keyring;
  clock: () => Date;
  /** This process's RunnerLease id. */
  runnerId: string;
  /** Told every outgoing request's result (metrics). */
  onOutboundResult?: (result: OutboundResult) => void;
}): Services {
  const { config, dataSource, keyring, clock, runnerId } = deps;
  const audit = new AuditService(dataSource);
  // The port of secrets/: the features whose records use secrets, in the order listed.
  const secretDependents = [
    connectionSecretDependents(dataSource),
    workflowSecretDependents(dataSource),
    channelSecretDependents(dataSource),
  ];
  const secrets = new SecretQueries({
    dataSource,
    clock,
    warningDays: config.EXPIRY_WARNING_DAYS,
    dependents: secretDependents,
  });
  const credentials = new CredentialCache();
  const secretVersions = new SecretVersions({
    dataSource,
    versionsKept: config.SECRET_VERSIONS_KEPT,
  });
  const secretRuntime = new SecretRuntime({ dataSource, keyring, clock });
  const outbound = new OutboundClient({
    timeoutMs: config.HTTP_STEP_TIMEOUT_MS,
    destinations: new DestinationPolicy(config.OUTBOUND_DENY_CIDRS, config.OUTBOUND_ALLOW_CIDRS),
    onResult: deps.onOutboundResult,
  });
  const notifications = new NotificationService(dataSource);
  const channelSender = new ChannelSender({
    secretRuntime,
    outbound,
    smtpUrl: config.SMTP_URL,
    smtpFrom: config.SMTP_FROM,
    publicOrigin: config.PUBLIC_ORIGIN?.[0],
    timeoutMs: config.HTTP_STEP_TIMEOUT_MS,
  });
  return {
    audit,
    auth: new AuthService({
      dataSource,
      audit,
      credentials,
      clock,
      sessionTtlHours: config.SESSION_TTL_HOURS,
      sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
    }),
    credentials,
    users: new UserService(dataSource, audit),
    apiTokens: new ApiTokenService(dataSource, audit, clock, credentials),
    secrets,
    secretLifecycle: new SecretLifecycle({
      dataSource,
      keyring,
      audit,
      clock,
      queries: secrets,
      versions: secretVersions,
      dependents: secretDependents,
    }),
    secretVersions,
    secretRuntime,
    connections: new ConnectionService({ dataSource, audit, secrets, secretRuntime, outbound }),
    workflows: new WorkflowService({ dataSource, audit, secrets }),
    workflowRunner: new WorkflowRunner({
      dataSource,
      audit,
      secrets,
      secretRuntime,
      outbound,
      clock,
      runnerId,
    }),
    notifications,
    notificationChannels: new NotificationChannelService({
      dataSource,
      audit,
      secrets,
      notifications,
      sender: channelSender,
      smtpConfigured: config.SMTP_URL !== undefined,
      retryDelaysMs: config.CHANNEL_RETRY_DELAYS_MS,
      // Past the longest an attempt can take (SMTP has three phases of that timeout each).
      leaseMs: 4 * config.HTTP_STEP_TIMEOUT_MS + 10_000,
      clock,
    }),
    channelSender,
    outbound,
  };
}
