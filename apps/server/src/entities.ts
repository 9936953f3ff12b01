import { ApiToken } from './auth/api-token.entity';
import { Session } from './auth/session.entity';
import { User } from './auth/user.entity';
import { AuditEvent } from './audit/audit-event.entity';
import { Connection } from './connections/connection.entity';
import { ExpiryNotification } from './notifications/expiry-notification.entity';
import {
  NotificationChannel,
  NotificationDelivery,
} from './notifications/notification-channel.entity';
import { Secret } from './secrets/secret.entity';
import { SecretVersion } from './secrets/secret-version.entity';
import { HttpRequestStep, Workflow } from './workflows/workflow.entity';
import { StepRun, WorkflowRun } from './workflows/workflow-run.entity';

/** Every table's entity; the composition root gives them to the data source. */
export const entities = [
  User,
  Session,
  ApiToken,
  AuditEvent,
  Secret,
  SecretVersion,
  Connection,
  Workflow,
  HttpRequestStep,
  WorkflowRun,
  StepRun,
  ExpiryNotification,
  NotificationChannel,
  NotificationDelivery,
];
