/** A background task that runs every so often until stopped. */
export interface PeriodicTask {
  /** No new pass starts; resolves once a pass in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs`, never two passes at once (a slow pass makes the next tick
 * skip), reporting a failed pass to `onError` and going on. The timer does not keep the
 * process alive.
 */
export function runEvery(
  intervalMs: number,
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
): PeriodicTask {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= task()
      .then(() => undefined, onError)
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
