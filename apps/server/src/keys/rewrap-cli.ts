// `pnpm keys:rewrap [--batch-size N]`: rewraps every data key to SECRETS_MASTER_KEY while the
// servers keep running. Run it with the servers' configuration; it exits 0 only once no
// value needs SECRETS_PREVIOUS_MASTER_KEYS any more.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { AuditService } from '../audit/audit.service';
import { loadConfig, type Config } from '../config';
import { openDatabase } from '../db/database';
import { entities } from '../entities';
import { runningEmbeddedPostgresUrl } from '../db/embedded-postgres';
import { createLogger } from '../logger';
import { loadKeyring } from '../crypto/master-key';
import { RewrapService, type RewrapProgress, type RewrapResult } from './rewrap';

/** A progress bar on a terminal; one plain line per batch for logs and CI. */
function progressReporter(): { update(progress: RewrapProgress): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      { format: 'rewrapping data keys [{bar}] {value}/{total} {percentage}% eta {eta}s' },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update({ done, total }) {
        if (!started) bar.start(total, done);
        started = true;
        bar.setTotal(total);
        bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let last = '';
  return {
    update({ done, total, heldByEdits }) {
      const held = heldByEdits > 0 ? `; waiting for ${heldByEdits} that uses or edits hold` : '';
      const line = `rewrapped ${done} of ${total} data keys${held}\n`;
      if (line !== last) process.stderr.write(line);
      last = line;
    },
    stop: () => undefined,
  };
}

/** The line to print and the exit code for a finished run. */
function outcome(result: RewrapResult, stopped: boolean): { line: string; code: number } {
  const { rewrapped, failedVersions, remaining, currentKeyId } = result;
  const done = `rewrapped ${rewrapped} data keys`;
  if (failedVersions.length > 0) {
    const versions = failedVersions
      .slice(0, 10)
      .map(({ secretId, version }) => `secret ${secretId} version ${version}`)
      .join(', ');
    const more = failedVersions.length > 10 ? ', …' : '';
    return {
      code: 1,
      line: `${done}; ${failedVersions.length} would not open (altered in the database?): ${versions}${more}; keep the previous keys until they are replaced or deleted`,
    };
  }
  if (remaining > 0) {
    const why = stopped
      ? 'stopped before the end'
      : 'values were written under a previous key meanwhile: restart every server with the new SECRETS_MASTER_KEY';
    return {
      code: 1,
      line: `${done}; ${why}; ${remaining} still need a previous key: run pnpm keys:rewrap again`,
    };
  }
  return {
    code: 0,
    line: `${done}; all values now open with key ${currentKeyId}; the previous keys can be removed`,
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'batch-size': { type: 'string', default: '500' } } });
  const batchSize = Number(values['batch-size']);
  const config: Config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, process.stderr);
  const keyring = loadKeyring(config, logger);
  // Without DATABASE_URL, share the embedded PostgreSQL a running server started rather
  // than start (and so stop) it under that server.
  const sharedUrl = config.DATABASE_URL ? undefined : runningEmbeddedPostgresUrl(config.DATA_DIR);
  const database = await openDatabase(
    sharedUrl ? { ...config, DATABASE_URL: sharedUrl } : config,
    logger,
    entities,
  );

  // Ctrl-C lets the batch in progress commit, then stops; a second one kills at once.
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  const progress = progressReporter();
  let result: RewrapResult;
  try {
    const { dataSource } = database;
    result = await new RewrapService({
      dataSource,
      keyring,
      audit: new AuditService(dataSource),
    }).run({ batchSize, signal: abort.signal, onProgress: (state) => progress.update(state) });
  } finally {
    progress.stop();
    await database.close();
  }
  const { line, code } = outcome(result, abort.signal.aborted);
  (code === 0 ? process.stdout : process.stderr).write(`${line}\n`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `keys:rewrap failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
