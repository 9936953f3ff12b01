import type { Logger } from 'pino';
import { In, type DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { isUuid, uniqueViolation } from '../common/postgres-errors';
import type { Config } from '../config';
import { AppError, badInput } from '../common/errors';
import { normaliseEmail } from './auth.service';
import type { CreateUserInput } from './auth.inputs';
import { hashPassword } from './password';
import { SYSTEM, type Principal } from './principal';
import { Role } from './role';
import { newToken } from './tokens';
import { User } from './user.entity';

export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<User[]> {
    return this.dataSource.getRepository(User).find({ order: { email: 'ASC' } });
  }

  get(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  /** Each id's user or null, in the order given, in one query (DataLoader). */
  async getMany(ids: readonly string[]): Promise<(User | null)[]> {
    const valid = ids.filter(isUuid);
    const users =
      valid.length === 0 ? [] : await this.dataSource.getRepository(User).findBy({ id: In(valid) });
    const byId = new Map(users.map((user) => [user.id, user]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async create(input: CreateUserInput, actor: Principal): Promise<User> {
    const email = normaliseEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.dataSource.transaction(async (tx) => {
        const user = tx.create(User, { email, passwordHash, role: input.role });
        await tx.insert(User, user);
        await this.audit.record(tx, actor, {
          action: 'USER_CREATED',
          targetType: 'USER',
          targetId: user.id,
          targetName: email,
          details: `role ${input.role}`,
        });
        return user;
      });
    } catch (error) {
      if (uniqueViolation(error) !== null)
        throw badInput(`A user with the email ${email} exists.`, 'email');
      throw error;
    }
  }

  /**
   * A5: with no users, ADMIN_EMAIL and ADMIN_PASSWORD make the first admin; outside
   * production, admin@localhost with a random password printed once.
   */
  async bootstrapAdmin(
    config: Config,
    logger: Logger,
    print: (line: string) => void,
  ): Promise<void> {
    if ((await this.dataSource.getRepository(User).count()) > 0) return;
    const email =
      config.ADMIN_EMAIL ?? (config.NODE_ENV === 'production' ? undefined : 'admin@localhost');
    if (!email) {
      logger.warn(
        'There are no users: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin.',
      );
      return;
    }
    const password = config.ADMIN_PASSWORD ?? newToken('pw').slice(3, 27);
    try {
      await this.create({ email, password, role: Role.ADMIN }, SYSTEM);
    } catch (error) {
      // Another replica created the first admin at the same moment.
      if (error instanceof AppError && error.code === 'BAD_USER_INPUT') return;
      throw error;
    }
    logger.info({ email }, 'first admin created');
    if (!config.ADMIN_PASSWORD) {
      print(`First admin: ${email} / ${password} (shown once)`);
    }
  }
}
