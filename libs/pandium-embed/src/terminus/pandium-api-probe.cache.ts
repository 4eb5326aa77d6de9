import type { PandiumApiProbeResult } from '../core/pandium-api.probe.js';

/**
 * One probe of Pandium's API at a time, its result kept for a TTL: every check in that time gets the same answer,
 * and concurrent checks while a probe is under way share it (single flight). The TTL runs from when the answer
 * came, on a monotonic clock (a wall clock that jumps would keep a result too long, or drop it at once).
 *
 * @internal
 */
export class PandiumApiProbeCache {
  private current:
    { result: Promise<PandiumApiProbeResult>; settledAt?: number } | undefined;

  /**
   * @param probe sends one request; never rejects (every failure is an outcome).
   * @param ttlMs how long an answer is kept, in milliseconds.
   * @param monotonicNow milliseconds on a clock that never goes back. @default performance.now
   */
  constructor(
    private readonly probe: () => Promise<PandiumApiProbeResult>,
    private readonly ttlMs: number,
    private readonly monotonicNow: () => number = () => performance.now(),
  ) {}

  /** The last answer while fresh, the probe under way, or a new probe. */
  get(): Promise<PandiumApiProbeResult> {
    const current = this.current;
    if (
      current !== undefined &&
      (current.settledAt === undefined ||
        this.monotonicNow() - current.settledAt < this.ttlMs)
    ) {
      return current.result;
    }
    const entry: NonNullable<typeof this.current> = {
      result: this.probe().finally(() => {
        entry.settledAt = this.monotonicNow();
      }),
    };
    this.current = entry;
    return entry.result;
  }
}
