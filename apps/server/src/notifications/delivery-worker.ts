import type { Logger } from 'pino';
import { DeliveryStatus } from './notification-channel.entity';
import type {
  AttemptResult,
  ClaimedDelivery,
  NotificationChannelService,
} from './notification-channel.service';

/** Deliveries one server sends at once; each channel has at most one in flight. */
const MAX_IN_FLIGHT = 16;

export interface DeliveryWorkerDeps {
  channels: Pick<NotificationChannelService, 'claimDue' | 'attempt' | 'finish'>;
  pollIntervalMs: number;
  logger: Logger;
}

/**
 * N2: works through the outbox in the background, apart from the expiry scan. Each tick
 * claims what is due and starts it without waiting for it, so a slow destination keeps one
 * slot busy and nothing else. A tick that fails (the database is away) is logged once per
 * outage and the next one tries again; results that could not be written are kept and
 * written then, while their lease lasts.
 */
export class DeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private unwritten: AttemptResult[] = [];
  private ticking: Promise<void> | undefined;
  private failing = false;
  private stopped = false;

  constructor(private readonly deps: DeliveryWorkerDeps) {}

  start(): void {
    this.timer = setInterval(() => this.wake(), this.deps.pollIntervalMs);
    this.timer.unref();
    this.wake();
  }

  /** Looks for due deliveries now (e.g. right after this server raised reminders). */
  wake(): void {
    if (this.stopped || this.ticking) return;
    this.ticking = this.tick().finally(() => (this.ticking = undefined));
  }

  /** Claims nothing more; resolves once the deliveries in flight are recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    await Promise.all(this.inFlight);
    if (this.unwritten.length > 0) await this.writeUnwritten().catch(() => undefined);
  }

  private async tick(): Promise<void> {
    try {
      await this.writeUnwritten();
      const room = MAX_IN_FLIGHT - this.inFlight.size;
      const claimed = room > 0 ? await this.deps.channels.claimDue(room) : [];
      if (this.failing) {
        this.failing = false;
        this.deps.logger.info('channel deliveries resumed');
      }
      for (const delivery of claimed) this.run(delivery);
    } catch (error) {
      this.failed(error);
    }
  }

  private run(delivery: ClaimedDelivery): void {
    const running = this.deliver(delivery).finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    let result: AttemptResult;
    try {
      result = await this.deps.channels.attempt(delivery);
    } catch (error) {
      // Nothing recorded: the lease runs out and the delivery is tried again.
      this.failed(error);
      return;
    }
    try {
      const written = await this.deps.channels.finish(result);
      if (!written)
        this.deps.logger.warn({ deliveryId: delivery.id }, 'channel delivery lease was lost');
      else if (result.status !== DeliveryStatus.DELIVERED)
        this.deps.logger.info(
          { deliveryId: delivery.id, status: result.status, attempts: delivery.attempts },
          'channel delivery attempt failed',
        );
    } catch (error) {
      this.unwritten.push(result);
      this.failed(error);
    }
  }

  private async writeUnwritten(): Promise<void> {
    while (this.unwritten.length > 0) {
      const [next] = this.unwritten;
      if (next) await this.deps.channels.finish(next);
      this.unwritten.shift();
    }
  }

  /** Once per outage, not once per tick. */
  private failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.deps.logger.error(
      { err: error },
      'channel deliveries failed; trying again at the next tick',
    );
  }
}
