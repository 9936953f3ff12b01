import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { Channel } from './event-bus';

export interface PgListenerOptions {
  url: string;
  channels: readonly Channel[];
  onNotification(channel: string, payload: string): void;
  /** Called when the connection is lost, before reconnecting: notifications may go unheard. */
  onDisconnect?(): void;
  /** Called after a lost connection is back and listening again: time to catch up. */
  onReconnect(): void;
  /** Runs on every new connection before it counts as up, e.g. to take a session lock again. */
  onConnect?(client: Client): Promise<void>;
  logger: Logger;
}

const MAX_BACKOFF_MS = 5_000;

/**
 * LISTEN on a dedicated connection (a pooled one would lose it), reconnecting with backoff
 * and listening again whenever the connection drops.
 */
export class PgListener {
  private client: Client | undefined;
  private closed = false;

  constructor(private readonly options: PgListenerOptions) {}

  async start(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.url,
      application_name: 'secrets-listener',
    });
    client.on('notification', (message) =>
      this.options.onNotification(message.channel, message.payload ?? ''),
    );
    client.on('error', (error) =>
      this.options.logger.warn({ err: error }, 'LISTEN connection error'),
    );
    await client.connect();
    try {
      for (const channel of this.options.channels) await client.query(`LISTEN ${channel}`);
      await this.options.onConnect?.(client);
    } catch (error) {
      // A half-set-up connection is dropped; the caller (start or reconnect) decides what next.
      await client.end().catch(() => undefined);
      throw error;
    }
    client.once('end', () => {
      if (this.closed) return;
      this.options.onDisconnect?.();
      void this.reconnect();
    });
    this.client = client;
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      await sleep(Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt));
      if (this.closed) return;
      try {
        await this.connect();
        this.options.logger.info('LISTEN connection restored');
        this.options.onReconnect();
        return;
      } catch (error) {
        this.options.logger.warn({ err: error, attempt }, 'LISTEN reconnect failed');
      }
    }
  }
}
