import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export function createDataSource(url: string): DataSource {
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
