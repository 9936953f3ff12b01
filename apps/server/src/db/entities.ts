import { ApiToken } from '../auth/api-token.entity';
import { Session } from '../auth/session.entity';
import { User } from '../auth/user.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { Secret } from '../secrets/secret.entity';

export const entities = [User, Session, ApiToken, AuditEvent, Secret];
