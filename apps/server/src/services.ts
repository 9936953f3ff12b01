import type { DataSource } from 'typeorm';
import { AuditService } from './audit/audit.service';
import { ApiTokenService } from './auth/api-token.service';
import { AuthService } from './auth/auth.service';
import { UserService } from './auth/user.service';
import type { Config } from './config';
import type { Keyring } from './crypto/keyring';
import { SecretService } from './secrets/secret.service';

export interface Services {
  audit: AuditService;
  auth: AuthService;
  users: UserService;
  apiTokens: ApiTokenService;
  secrets: SecretService;
}

/** The composition root of the domain: every service and what it depends on. */
export function createServices(deps: {
  config: Config;
  dataSource: DataSource;
  keyring: Keyring;
  clock: () => Date;
}): Services {
  const { config, dataSource, keyring, clock } = deps;
  const audit = new AuditService(dataSource);
  return {
    audit,
    auth: new AuthService({ dataSource, audit, clock, sessionTtlHours: config.SESSION_TTL_HOURS }),
    users: new UserService(dataSource, audit),
    apiTokens: new ApiTokenService(dataSource, audit, clock),
    secrets: new SecretService({
      dataSource,
      keyring,
      audit,
      clock,
      warningDays: config.EXPIRY_WARNING_DAYS,
    }),
  };
}
