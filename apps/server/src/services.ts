import type { DataSource } from 'typeorm';
import { AuditService } from './audit/audit.service';
import { ApiTokenService } from './auth/api-token.service';
import { AuthService } from './auth/auth.service';
import { UserService } from './auth/user.service';
import type { Config } from './config';
import { ConnectionService } from './connections/connection.service';
import type { Keyring } from './crypto/keyring';
import { DestinationPolicy } from './outbound/destination-policy';
import { OutboundClient } from './outbound/client';
import { NotificationService } from './notifications/notification.service';
import { SecretService } from './secrets/secret.service';
import { WorkflowRunner } from './workflows/workflow-runner';
import { WorkflowService } from './workflows/workflow.service';

export interface Services {
  audit: AuditService;
  auth: AuthService;
  users: UserService;
  apiTokens: ApiTokenService;
  secrets: SecretService;
  connections: ConnectionService;
  workflows: WorkflowService;
  workflowRunner: WorkflowRunner;
  notifications: NotificationService;
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
}): Services {
  const { config, dataSource, keyring, clock, runnerId } = deps;
  const audit = new AuditService(dataSource);
  const secrets = new SecretService({
    dataSource,
    keyring,
    audit,
    clock,
    warningDays: config.EXPIRY_WARNING_DAYS,
  });
  const outbound = new OutboundClient({
    timeoutMs: config.HTTP_STEP_TIMEOUT_MS,
    destinations: new DestinationPolicy(config.OUTBOUND_DENY_CIDRS, config.OUTBOUND_ALLOW_CIDRS),
  });
  return {
    audit,
    auth: new AuthService({
      dataSource,
      audit,
      clock,
      sessionTtlHours: config.SESSION_TTL_HOURS,
      sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
    }),
    users: new UserService(dataSource, audit),
    apiTokens: new ApiTokenService(dataSource, audit, clock),
    secrets,
    connections: new ConnectionService({ dataSource, audit, secrets, outbound }),
    workflows: new WorkflowService({ dataSource, audit, secrets }),
    workflowRunner: new WorkflowRunner({ dataSource, audit, secrets, outbound, clock, runnerId }),
    notifications: new NotificationService(dataSource),
    outbound,
  };
}
