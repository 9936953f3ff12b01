import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';

/** `entities` come from the composition root (src/entities.ts): db/ knows no feature. */
export function createDataSource(url: string, entities: DataSourceOptions['entities']): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    // PostgreSQL 13+ has gen_random_uuid() built in; no extension to create at every start.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    logging: false,
    extra: { max: 20, application_name: 'secrets-server' },
  });
}
