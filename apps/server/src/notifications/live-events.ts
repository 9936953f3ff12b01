import type { Logger } from 'pino';
import {
  SecretEvent,
  SecretEventType,
  secretEventMessage,
  type SecretEventMessage,
} from '../secrets/secret-event';
import type { SecretQueries } from '../secrets/secret-queries';
import { Channel } from '../db/event-bus';
import type { ExpiryScanner } from './expiry-scanner';
import type { ExpiryNotification } from './expiry-notification.entity';
import type { NotificationService } from './notification.service';
import { PgListener } from '../db/pg-listener';
import { Topic, type LocalPubSub } from '../db/topics';

export interface LiveEventsDeps {
  url: string;
  pubSub: LocalPubSub;
  notifications: NotificationService;
  secrets: Pick<SecretQueries, 'get'>;
  scanner: ExpiryScanner;
  /**
   * An API token was revoked, a session ended, or a user's role or account changed (by id):
   * drops its cached credentials and closes its WebSockets.
   */
  onCredentialRevoked(id: string): void;
  /**
   * Whether revocations are heard: true once LISTEN is up, false from a lost connection until
   * it is back.
   */
  onListening(heard: boolean): void;
  logger: Logger;
}

/** How many delivered notification ids are remembered to keep catch-up free of duplicates. */
const REMEMBERED = 10_000;
/** Catch-up reads back this far before the newest delivery, for commits that raced it. */
const CATCH_UP_OVERLAP_MS = 5_000;

/**
 * E3 on one replica: hears every replica's NOTIFY, loads what it names, and publishes it
 * once to this replica's subscribers. After a lost connection it catches up from the table.
 */
export class LiveEvents {
  private readonly listener: PgListener;
  private readonly delivered = new Set<string>();
  private newest = new Date();
  /** Handled one at a time, so that subscribers see events in the order they were sent. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: LiveEventsDeps) {
    this.listener = new PgListener({
      url: deps.url,
      channels: [Channel.EXPIRY_WARNINGS, Channel.SECRET_EVENTS, Channel.CREDENTIAL_REVOKED],
      onNotification: (channel, payload) => {
        // At once, not behind events that load rows: a revocation reaches every replica in
        // 100 ms. It loads nothing, and its order among other events does not matter.
        if (channel === Channel.CREDENTIAL_REVOKED) deps.onCredentialRevoked(payload);
        else this.enqueue(() => this.handle(channel, payload));
      },
      onDisconnect: () => deps.onListening(false),
      onReconnect: () => {
        deps.onListening(true);
        this.enqueue(() => this.catchUp());
      },
      logger: deps.logger,
    });
  }

  async start(): Promise<void> {
    await this.listener.start();
    this.deps.onListening(true);
  }

  async close(): Promise<void> {
    await this.listener.close();
    await this.queue;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue
      .then(work)
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'live event failed'));
  }

  private async handle(channel: string, payload: string): Promise<void> {
    switch (channel) {
      case Channel.EXPIRY_WARNINGS: {
        const notification = await this.deps.notifications.get(payload);
        if (notification) this.deliver(notification);
        return;
      }
      case Channel.SECRET_EVENTS:
        return this.publishSecretEvent(secretEventMessage.parse(JSON.parse(payload)));
    }
  }

  private deliver(notification: ExpiryNotification): void {
    if (this.delivered.has(notification.id)) return;
    this.delivered.add(notification.id);
    if (this.delivered.size > REMEMBERED) {
      const oldest = this.delivered.values().next().value;
      if (oldest) this.delivered.delete(oldest);
    }
    if (notification.createdAt > this.newest) this.newest = notification.createdAt;
    this.deps.pubSub.publish(Topic.EXPIRY_WARNING, notification);
  }

  private async catchUp(): Promise<void> {
    const missed = await this.deps.notifications.since(
      new Date(this.newest.getTime() - CATCH_UP_OVERLAP_MS),
    );
    for (const notification of missed) this.deliver(notification);
    this.deps.scanner.requestScan();
  }

  private async publishSecretEvent(message: SecretEventMessage): Promise<void> {
    if (message.type === SecretEventType.CREATED || message.type === SecretEventType.UPDATED) {
      // E2: a new secret or a changed expiry is checked at once.
      this.deps.scanner.requestScan();
    }
    const event = new SecretEvent();
    event.type = message.type;
    event.secretId = message.secretId;
    event.kind = message.kind;
    event.at = new Date(message.at);
    event.secret =
      message.type === SecretEventType.DELETED
        ? null
        : await this.deps.secrets.get(message.secretId);
    this.deps.pubSub.publish(Topic.SECRET_EVENT, event);
  }
}
