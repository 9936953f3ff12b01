import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { AuditService } from '../../apps/server/src/audit/audit.service';
import { AuditEvent } from '../../apps/server/src/audit/audit-event.entity';
import { seal } from '../../apps/server/src/crypto/envelope';
import { Keyring, masterKeyId } from '../../apps/server/src/crypto/keyring';
import { RewrapService, type RewrapOptions } from '../../apps/server/src/keys/rewrap';
import { secretAssociatedData } from '../../apps/server/src/secrets/secret-rules';
import { Secret } from '../../apps/server/src/secrets/secret.entity';
import { SecretKind } from '../../apps/server/src/secrets/secret-kind';
import { SecretVersion } from '../../apps/server/src/secrets/secret-version.entity';
import { createTestDatabase, flipByte, type TestDatabase } from '../support/database';
import { startHttpsPeer, type TestPeer } from '../support/https-peer';
import { uniqueName } from '../support/names';
import {
  CreateConnectionMutation,
  CreateSecretMutation,
  RollbackSecretMutation,
  TestConnectionMutation,
  UpdateSecretMutation,
} from '../support/operations';
import { newMasterKey, startTestServer, type TestServer } from '../support/server';
import { storedValue } from '../support/secret-values';

const SERVER_DIR = resolve(__dirname, '../../apps/server');

const keyA = newMasterKey();
const keyB = newMasterKey();
const idOf = (key: string) => masterKeyId(Buffer.from(key, 'base64'));
const keyringOf = (current: string, ...previous: string[]) =>
  new Keyring(
    Buffer.from(current, 'base64'),
    previous.map((key) => Buffer.from(key, 'base64')),
  );
/** During a rotation: B seals, A still opens. */
const ROTATING = { SECRETS_MASTER_KEY: keyB, SECRETS_PREVIOUS_MASTER_KEYS: keyA };

interface Seeded {
  id: string;
  /** The current value. */
  value: string;
  /** Every value stored, oldest first: version n is values[n - 1]. */
  values: string[];
  connectionId: string | null;
}

let peer: TestPeer;
const databases: TestDatabase[] = [];
const servers: TestServer[] = [];

beforeAll(async () => {
  peer = await startHttpsPeer();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});
afterAll(() => peer.close());

async function serve(database: TestDatabase, env: Record<string, string>): Promise<TestServer> {
  const server = await startTestServer({ database, env });
  servers.push(server);
  return server;
}

async function stop(server: TestServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.stop();
}

/**
 * A database holding `count` secrets sealed under key A, alternating webhook and integration
 * secrets, each integration one used by a connection to the HTTPS peer, and each with
 * `versions` values stored.
 */
async function seedUnderKeyA(
  count: number,
  versions = 1,
): Promise<{ database: TestDatabase; seeded: Seeded[] }> {
  const database = await createTestDatabase();
  databases.push(database);
  const server = await serve(database, { SECRETS_MASTER_KEY: keyA });
  const admin = await server.login();
  const seeded: Seeded[] = [];
  for (let index = 0; index < count; index++) {
    const kind = index % 2 === 0 ? 'INTEGRATION' : 'WEBHOOK';
    const value = `value-${index}-${randomUUID()}`;
    const created = await server.mutate(
      CreateSecretMutation,
      { input: { kind, name: uniqueName('rotated'), value } },
      admin,
    );
    const id = created.createSecret.id;
    let connectionId: string | null = null;
    if (kind === 'INTEGRATION') {
      const connection = await server.mutate(
        CreateConnectionMutation,
        {
          input: {
            name: uniqueName('conn'),
            provider: 'jira',
            baseUrl: `${peer.url}/api`,
            authScheme: 'BEARER',
            secretId: id,
          },
        },
        admin,
      );
      connectionId = connection.createConnection.id;
    }
    const values = [value];
    while (values.length < versions) {
      const next = `value-${index}-v${values.length + 1}-${randomUUID()}`;
      await server.mutate(UpdateSecretMutation, { id, input: { value: next } }, admin);
      values.push(next);
    }
    seeded.push({ id, value: values.at(-1) ?? value, values, connectionId });
  }
  await stop(server);
  return { database, seeded };
}

/** Every stored version, where the data keys are. */
const rows = (server: TestServer) =>
  server.dataSource
    .getRepository(SecretVersion)
    .find({ order: { secretId: 'ASC', version: 'ASC' } });

/** The rewrap as the CLI runs it, against a server's database, with that server's keys. */
const rewrapWith = (server: TestServer, keyring: Keyring, options?: RewrapOptions) =>
  new RewrapService({
    dataSource: server.dataSource,
    keyring,
    audit: new AuditService(server.dataSource),
  }).run(options);

/** Every value opens with the server's keys, byte for byte, each kept version too. */
async function expectValuesOpen(server: TestServer, seeded: readonly Seeded[]): Promise<void> {
  for (const { id, value, values } of seeded) {
    expect(await storedValue(server, id)).toBe(value);
    for (const [index, earlier] of values.entries())
      expect(await storedValue(server, id, index + 1)).toBe(earlier);
  }
}

/** Each connection test reaches the HTTPS peer carrying its secret's value. */
async function expectConnectionsWork(server: TestServer, seeded: readonly Seeded[]): Promise<void> {
  const admin = await server.login();
  for (const { connectionId, value } of seeded) {
    if (!connectionId) continue;
    peer.received.length = 0;
    const result = await server.request(TestConnectionMutation, { id: connectionId }, admin);
    expect(result.data?.testConnection).toMatchObject({ ok: true, httpStatus: 200 });
    expect(peer.received.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${value}`,
    ]);
  }
}

describe('master key rotation', () => {
  it('opens values sealed under the previous key and seals new ones with the current key', async () => {
    const { database, seeded } = await seedUnderKeyA(2);
    const server = await serve(database, ROTATING);
    await expectConnectionsWork(server, seeded);
    await expectValuesOpen(server, seeded);

    const admin = await server.login();
    const created = await server.request(
      CreateSecretMutation,
      { input: { kind: 'WEBHOOK', name: uniqueName('new'), value: 'sealed-with-b' } },
      admin,
    );
    const byId = new Map((await rows(server)).map((row) => [row.secretId, row.masterKeyId]));
    expect(byId.get(created.data?.createSecret.id ?? '')).toBe(idOf(keyB));
    expect(seeded.map(({ id }) => byId.get(id))).toEqual([idOf(keyA), idOf(keyA)]);
  }, 60_000);

  it('rewraps every data key to the current key, touching nothing else; a second run does nothing', async () => {
    const { database, seeded } = await seedUnderKeyA(5);
    const rotating = await serve(database, ROTATING);
    const before = await rows(rotating);
    const secretsBefore = await rotating.dataSource.getRepository(Secret).find();

    const progress: number[] = [];
    const first = await rewrapWith(rotating, keyringOf(keyB, keyA), {
      batchSize: 2,
      onProgress: ({ done, total }) => progress.push(done / total),
    });
    expect(first).toEqual({
      currentKeyId: idOf(keyB),
      rewrapped: 5,
      failedVersions: [],
      remaining: 0,
    });
    expect(progress).toEqual([0, 2 / 5, 4 / 5, 1, 1]);

    const after = await rows(rotating);
    expect(after.map((row) => row.masterKeyId)).toEqual(Array(5).fill(idOf(keyB)));
    after.forEach((row, index) => {
      const old = before[index];
      // Only the wrapped key moved: the value's ciphertext and the metadata stayed.
      expect(row.encryptedDataKey.equals(old?.encryptedDataKey ?? Buffer.alloc(0))).toBe(false);
      expect({ ...row, encryptedDataKey: null, masterKeyId: null }).toEqual({
        ...old,
        encryptedDataKey: null,
        masterKeyId: null,
      });
    });
    expect(await rotating.dataSource.getRepository(Secret).find()).toEqual(secretsBefore);

    expect(await rewrapWith(rotating, keyringOf(keyB, keyA))).toMatchObject({
      rewrapped: 0,
      remaining: 0,
    });
    const audit = await rotating.dataSource
      .getRepository(AuditEvent)
      .find({ where: { action: 'KEY_REWRAP' }, order: { id: 'ASC' } });
    expect(audit.map(({ actor, targetId, details }) => ({ actor, targetId, details }))).toEqual([
      {
        actor: 'keys:rewrap',
        targetId: idOf(keyB),
        details: `rewrapped 5 data keys to master key ${idOf(keyB)}; 0 left under previous keys`,
      },
      {
        actor: 'keys:rewrap',
        targetId: idOf(keyB),
        details: `rewrapped 0 data keys to master key ${idOf(keyB)}; 0 left under previous keys`,
      },
    ]);
    await stop(rotating);

    // The old key can go: a server with key B alone opens and uses every value.
    const rotated = await serve(database, { SECRETS_MASTER_KEY: keyB });
    await expectValuesOpen(rotated, seeded);
    await expectConnectionsWork(rotated, seeded);
  }, 60_000);

  it('resumes a run stopped after one batch, and finishes', async () => {
    const { database, seeded } = await seedUnderKeyA(4);
    const server = await serve(database, ROTATING);
    const keyring = keyringOf(keyB, keyA);

    const abort = new AbortController();
    const stopped = await rewrapWith(server, keyring, {
      batchSize: 1,
      signal: abort.signal,
      onProgress: ({ done }) => {
        if (done === 1) abort.abort();
      },
    });
    expect(stopped).toMatchObject({ rewrapped: 1, remaining: 3 });
    expect((await rows(server)).map((row) => row.masterKeyId).sort()).toEqual(
      [idOf(keyB), idOf(keyA), idOf(keyA), idOf(keyA)].sort(),
    );
    // Half-way is a consistent state: every value still opens.
    await expectValuesOpen(server, seeded);

    expect(await rewrapWith(server, keyring, { batchSize: 1 })).toMatchObject({
      rewrapped: 3,
      remaining: 0,
    });
    await stop(server);
    await expectValuesOpen(await serve(database, { SECRETS_MASTER_KEY: keyB }), seeded);
  }, 60_000);

  it('keeps every edit made through the API while the rewrap runs', async () => {
    const { database, seeded } = await seedUnderKeyA(12);
    const server = await serve(database, ROTATING);
    const admin = await server.login();
    const edited = seeded.map((secret) => ({ ...secret, value: `edited-${randomUUID()}` }));

    const [result, ...updates] = await Promise.all([
      rewrapWith(server, keyringOf(keyB, keyA), { batchSize: 1 }),
      ...edited.map(({ id, value }) =>
        server.request(UpdateSecretMutation, { id, input: { value } }, admin),
      ),
    ]);
    expect(updates.map((update) => update.data?.updateSecret.valueVersion)).toEqual(
      Array(12).fill(2),
    );
    // Rows re-sealed by an edit before the rewrap reached them needed no rewrap.
    expect(result.rewrapped).toBeLessThanOrEqual(12);
    expect(result.remaining).toBe(0);
    expect((await rows(server)).every((row) => row.masterKeyId === idOf(keyB))).toBe(true);
    await stop(server);
    await expectValuesOpen(
      await serve(database, { SECRETS_MASTER_KEY: keyB }),
      edited.map((secret, index) => ({
        ...secret,
        values: [seeded[index]?.value ?? '', secret.value],
      })),
    );
  }, 60_000);

  it('waits for a version a use holds, and rewraps what an edit wrote meanwhile', async () => {
    const { database, seeded } = await seedUnderKeyA(3);
    const server = await serve(database, ROTATING);
    const [held, ...others] = seeded;
    if (!held) throw new Error('no secret seeded');

    // A use recording itself holds its version a moment; an edit on a server not yet
    // restarted, in the same transaction here, stores a new version sealed with key A.
    const edit = new Client({ connectionString: database.url });
    await edit.connect();
    try {
      await edit.query('BEGIN');
      await edit.query('SELECT 1 FROM secret_versions WHERE secret_id = $1 FOR NO KEY UPDATE', [
        held.id,
      ]);
      let waitingForEdit!: (state: string) => void;
      const waiting = new Promise<string>((resolve) => (waitingForEdit = resolve));
      const rewrapping = rewrapWith(server, keyringOf(keyB, keyA), {
        batchSize: 1,
        onProgress: ({ done, heldByEdits }) => {
          if (done === others.length && heldByEdits === 1) waitingForEdit('waiting');
        },
      });
      // The rewrap waits for the held row rather than finishing without it.
      expect(await Promise.race([waiting, rewrapping.then(() => 'finished')])).toBe('waiting');

      const sealed = seal(
        keyringOf(keyA),
        'edited-under-a',
        secretAssociatedData(held.id, SecretKind.INTEGRATION, 2),
      );
      await edit.query(
        `INSERT INTO secret_versions (secret_id, version, encrypted_value, encrypted_data_key,
                                      master_key_id, binds_version)
         VALUES ($1, 2, $2, $3, $4, true)`,
        [held.id, sealed.encryptedValue, sealed.encryptedDataKey, sealed.masterKeyId],
      );
      await edit.query('UPDATE secrets SET value_version = 2 WHERE id = $1', [held.id]);
      await edit.query('COMMIT');
      expect(await rewrapping).toMatchObject({ rewrapped: 4, remaining: 0 });
    } finally {
      await edit.end();
    }
    await stop(server);
    await expectValuesOpen(await serve(database, { SECRETS_MASTER_KEY: keyB }), [
      { ...held, value: 'edited-under-a', values: [held.value, 'edited-under-a'] },
      ...others,
    ]);
  }, 60_000);

  it('rewraps every kept version, so that a rollback works under the new key alone (V6)', async () => {
    const { database, seeded } = await seedUnderKeyA(2, 3);
    const rotating = await serve(database, ROTATING);
    expect(await rewrapWith(rotating, keyringOf(keyB, keyA))).toMatchObject({
      rewrapped: 6,
      failedVersions: [],
      remaining: 0,
    });
    await stop(rotating);

    const rotated = await serve(database, { SECRETS_MASTER_KEY: keyB });
    await expectValuesOpen(rotated, seeded);
    const admin = await rotated.login();
    const restored = seeded.map((secret) => ({
      ...secret,
      value: secret.values[0] ?? '',
      values: [...secret.values, secret.values[0] ?? ''],
    }));
    for (const { id } of seeded) {
      const rolledBack = await rotated.mutate(
        RollbackSecretMutation,
        { id, version: 1, expectedValueVersion: 3 },
        admin,
      );
      expect(rolledBack.rollbackSecret.valueVersion).toBe(4);
    }
    await expectValuesOpen(rotated, restored);
    await expectConnectionsWork(rotated, restored);
  }, 60_000);

  it('reports a data key that will not open and moves the others', async () => {
    const { database, seeded } = await seedUnderKeyA(3);
    const server = await serve(database, ROTATING);
    const [altered, ...others] = seeded;
    await server.dataSource.query(flipByte('encrypted_data_key', 39), [altered?.id]);
    expect(await rewrapWith(server, keyringOf(keyB, keyA))).toEqual({
      currentKeyId: idOf(keyB),
      rewrapped: 2,
      failedVersions: [{ secretId: altered?.id, version: 1 }],
      remaining: 1,
    });
    await stop(server);
    await expectValuesOpen(await serve(database, { SECRETS_MASTER_KEY: keyB }), others);
  }, 60_000);
});

describe('pnpm keys:rewrap', () => {
  /** Runs the CLI from its source, compiled on the fly by swc as `pnpm dev` does. */
  async function cli(env: Record<string, string>, ...args: string[]) {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '-r', '@swc-node/register', 'src/keys/rewrap-cli.ts', ...args],
      {
        cwd: SERVER_DIR,
        env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((done) => child.once('close', done));
    return { code, stdout, stderr };
  }

  it('refuses to start without a key that still wraps data keys, then rewraps all and reports done', async () => {
    const { database, seeded } = await seedUnderKeyA(3);
    const env = { DATABASE_URL: database.url };
    const output = (result: { stdout: string; stderr: string }) => result.stdout + result.stderr;

    const missing = await cli({ ...env, SECRETS_MASTER_KEY: keyB });
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toBe(
      `keys:rewrap failed: 3 data keys are wrapped by master key ${idOf(keyA)}, which is not configured: add it to SECRETS_PREVIOUS_MASTER_KEYS and run again. Nothing was changed.\n`,
    );

    const done = await cli({ ...env, ...ROTATING }, '--batch-size', '2');
    expect(done.code).toBe(0);
    expect(done.stderr).toBe(
      'rewrapped 0 of 3 data keys\nrewrapped 2 of 3 data keys\nrewrapped 3 of 3 data keys\n',
    );
    expect(done.stdout).toBe(
      `rewrapped 3 data keys; all values now open with key ${idOf(keyB)}; the previous keys can be removed\n`,
    );

    const again = await cli({ ...env, ...ROTATING });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^rewrapped 0 data keys; all values now open with key/);
    for (const result of [missing, done, again]) {
      for (const key of [keyA, keyB]) expect(output(result)).not.toContain(key);
    }

    await expectValuesOpen(await serve(database, { SECRETS_MASTER_KEY: keyB }), seeded);
  }, 60_000);
});
