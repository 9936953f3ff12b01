import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { BenchContext } from '../context';
import { closedLoop, httpLoad, interleave } from '../measure';
import { figures, type Comparison } from '../report';
import type { Sizes } from '../sizes';

const CREATE_MUTATION = `mutation BenchCreateSecret($input: CreateSecretInput!) {
  createSecret(input: $input) { id name status }
}`;

/** A value as long as a typical API token. */
const VALUE = `bench-${randomBytes(24).toString('base64url')}`;

/**
 * B3: `createSecret` (validate, encrypt, insert, audit, event) vs a pgbench-style
 * transaction through pg that writes the same rows: the secret with ciphertext-sized
 * bytes, its audit event, and a NOTIFY, in one transaction.
 */
export async function create(context: BenchContext, sizes: Sizes): Promise<Comparison[]> {
  const { api, database } = context;
  // The product's own pool size (apps/server/src/db/data-source.ts).
  const pool = new Pool({ connectionString: database.url, max: 20 });
  try {
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM users LIMIT 1');
    const userId = rows[0]?.id;
    let created = 0;
    const nextName = (side: string) => `b3_${side}_${String(++created).padStart(7, '0')}`;

    const product = (warmup: boolean) =>
      httpLoad({
        url: api.endpoint,
        connections: sizes.connections,
        durationMs: warmup ? sizes.warmupMs : sizes.roundMs,
        headers: api.headers,
        body: () =>
          JSON.stringify({
            query: CREATE_MUTATION,
            variables: { input: { kind: 'WEBHOOK', name: nextName('product'), value: VALUE } },
          }),
      });

    const insertTransaction = async () => {
      const id = randomUUID();
      const name = nextName('baseline');
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO secrets (id, kind, name, value_version, value_updated_at, created_by_id)
           VALUES ($1, 'WEBHOOK', $2, 1, now(), $3)`,
          [id, name, userId],
        );
        await client.query(
          `INSERT INTO secret_versions (secret_id, version, encrypted_value, encrypted_data_key,
                                        master_key_id, binds_version, created_by_id)
           VALUES ($1, 1, $2, $3, 'bench', true, $4)`,
          // AES-256-GCM sizes: the value plus IV and tag; a 32-byte key wrapped the same way.
          [id, randomBytes(VALUE.length + 28), randomBytes(60), userId],
        );
        await client.query(
          `INSERT INTO audit_events (actor, action, target_type, target_id, target_name, details)
           VALUES ('bench', 'SECRET_CREATED', 'SECRET', $1, $2, 'kind WEBHOOK')`,
          [id, name],
        );
        // A channel of its own: the product's would make it load each baseline row.
        await client.query(`SELECT pg_notify('bench_secret_events', $1)`, [
          JSON.stringify({ type: 'CREATED', secretId: id, kind: 'WEBHOOK' }),
        ]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    const baseline = (warmup: boolean) =>
      closedLoop(sizes.connections, warmup ? sizes.warmupMs : sizes.roundMs, insertTransaction);

    const rounds = await interleave(sizes.rounds, product, baseline, context.profiler);
    return [
      {
        scenario: `B3 create, ${sizes.connections} connections`,
        metric: 'throughput (creates/s)',
        ...figures(rounds, 'throughput'),
        ratio: 'product/baseline',
        target: { ratio: { op: '>=', value: 0.5 } },
      },
    ];
  } finally {
    await pool.end();
  }
}
