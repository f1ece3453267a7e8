// Work done after a webhook has been acknowledged. Each job's failure is logged, never thrown
// into the request; `drain` waits for the jobs in flight (graceful shutdown, tests).
import type { Logger } from '../../logger.ts';

export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  /** Starts the job now, in the background. */
  run(label: string, job: () => Promise<void>): void {
    const p = (async () => {
      try {
        await job();
      } catch (err) {
        this.log.error({ err, job: label }, 'background job failed');
      }
    })();
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves when every job started so far (and any they start) has finished. */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }
}
