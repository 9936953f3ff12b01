import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../common/errors';
import { checkPageSize, decodeCursor, toPage } from '../common/pagination';
import { isUuid } from '../common/postgres-errors';
import { SecretKind, type SecretStatus } from './secret-kind';
import type { SecretDependent, SecretDependents, SecretKey } from './secret-dependents';
import { Secret } from './secret.entity';
import type { SecretFilter } from './secret.inputs';
import { secretStatus, secretStatusCondition, warningHorizon } from './secret-status';

export interface SecretQueriesDeps {
  dataSource: DataSource;
  clock: () => Date;
  warningDays: readonly number[];
  /** The features whose records use secrets, connections first (composition root). */
  dependents: readonly SecretDependents[];
}

/** A secret's users, each with what SECRET_IN_USE calls its kind. */
export interface TypedSecretDependent {
  type: string;
  dependent: SecretDependent;
}

/** Escapes LIKE wildcards so that a search for "50%" finds "50%". */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** Reads secrets: metadata, status, lists and dependents; never a value. */
export class SecretQueries {
  constructor(private readonly deps: SecretQueriesDeps) {}

  status(secret: Secret): SecretStatus {
    const now = this.deps.clock();
    return secretStatus(secret, now, warningHorizon(now, this.deps.warningDays));
  }

  /**
   * The dependents of each secret, in the order given, in a few queries however many
   * secrets there are (the `dependents` field's DataLoader): each dependent feature's in
   * turn (connections, then workflows), each by name.
   */
  async dependentsOf(
    secrets: readonly SecretKey[],
    manager: EntityManager = this.deps.dataSource.manager,
  ): Promise<SecretDependent[][]> {
    const typed = await this.typedDependentsOf(secrets, manager);
    return typed.map((dependents) => dependents.map(({ dependent }) => dependent));
  }

  /** S6: what uses one secret, each with its type, read through `manager`. */
  async dependents(secret: SecretKey, manager: EntityManager): Promise<TypedSecretDependent[]> {
    const [dependents = []] = await this.typedDependentsOf([secret], manager);
    return dependents;
  }

  private async typedDependentsOf(
    secrets: readonly SecretKey[],
    manager: EntityManager,
  ): Promise<TypedSecretDependent[][]> {
    if (secrets.length === 0) return [];
    const byFeature: TypedSecretDependent[][][] = [];
    for (const feature of this.deps.dependents) {
      const found = await feature.dependentsOf(secrets, manager);
      byFeature.push(
        found.map((dependents) =>
          dependents.map((dependent) => ({ type: feature.type, dependent })),
        ),
      );
    }
    return secrets.map((_, index) => byFeature.flatMap((found) => found[index] ?? []));
  }

  /** Each id's secret or null, in the order given, in one query (DataLoader). */
  async getMany(ids: readonly string[]): Promise<(Secret | null)[]> {
    const valid = ids.filter(isUuid);
    const secrets =
      valid.length === 0
        ? []
        : await this.deps.dataSource
            .getRepository(Secret)
            .find({ where: { id: In(valid) }, relations: { createdBy: true } });
    const byId = new Map(secrets.map((secret) => [secret.id, secret]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Webhook secrets by name, case-insensitively, keyed by the lower-cased name. */
  async findWebhookSecrets(names: readonly string[]): Promise<Map<string, Secret>> {
    if (names.length === 0) return new Map();
    const secrets = await this.deps.dataSource
      .getRepository(Secret)
      .createQueryBuilder('secret')
      .where('secret.kind = :kind', { kind: SecretKind.WEBHOOK })
      .andWhere('lower(secret.name) IN (:...names)', {
        names: names.map((name) => name.toLowerCase()),
      })
      .getMany();
    return new Map(secrets.map((secret) => [secret.name.toLowerCase(), secret]));
  }

  async get(id: string): Promise<Secret | null> {
    if (!isUuid(id)) return null;
    // Not findOne: with a relation it sends two queries (ids with LIMIT, then the rows).
    return this.deps.dataSource
      .getRepository(Secret)
      .createQueryBuilder('secret')
      .leftJoinAndSelect('secret.createdBy', 'createdBy')
      .where('secret.id = :id', { id })
      .getOne();
  }

  async getOrFail(id: string): Promise<Secret> {
    const secret = await this.get(id);
    if (!secret) throw notFound('The secret');
    return secret;
  }

  /** S7: pages in (lower(name), id) order; the cursor is that pair of the last row. */
  async list(filter: SecretFilter | null | undefined, first: number, after?: string | null) {
    checkPageSize(first);
    const now = this.deps.clock();
    const query = this.deps.dataSource
      .getRepository(Secret)
      .createQueryBuilder('secret')
      .leftJoinAndSelect('secret.createdBy', 'createdBy')
      .setParameters({ now, horizon: warningHorizon(now, this.deps.warningDays) });
    if (filter?.kind) query.andWhere('secret.kind = :kind', { kind: filter.kind });
    if (filter?.status?.length) {
      const statuses = [...new Set(filter.status)];
      query.andWhere(
        new Brackets((where) => {
          for (const status of statuses) where.orWhere(secretStatusCondition(status, 'secret'));
        }),
      );
    }
    const search = filter?.search?.trim();
    if (search) {
      query.andWhere(
        "(secret.name ILIKE :search ESCAPE '\\' OR secret.description ILIKE :search ESCAPE '\\')",
        {
          search: likePattern(search),
        },
      );
    }
    const totalCount = await query.getCount();
    if (after) {
      const [name, id] = decodeCursor(after, 2);
      query.andWhere('(lower(secret.name), secret.id) > (:afterName, :afterId)', {
        afterName: name,
        afterId: id,
      });
    }
    const rows = await query
      .orderBy('lower(secret.name)', 'ASC')
      .addOrderBy('secret.id', 'ASC')
      .limit(first + 1)
      .getMany();
    return { ...toPage(rows, first, (row) => [row.name.toLowerCase(), row.id]), totalCount };
  }
}
