/**
 * The `jti`s of tokens the emulator accepted, each kept until its `exp` plus the clock-skew allowance (after which
 * the token is refused as expired anyway), at most `maxEntries` of them: past that, the entry remembered first is
 * forgotten first. A `jti` being checked right now is held, so two requests with the same token at once cannot
 * both pass.
 *
 * @internal
 */
export class JtiReplayCache {
  /** `jti` → when to forget it, in milliseconds on the emulator's clock. Insertion order is age order. */
  private readonly forgetAt = new Map<string, number>();

  /** The `jti`s of checks under way. */
  private readonly held = new Set<string>();

  constructor(private readonly maxEntries: number) {}

  /** How many `jti`s are remembered (not counting the ones held). */
  get size(): number {
    return this.forgetAt.size;
  }

  /**
   * Whether this `jti` was seen: remembered and not yet forgotten at `now`, or held by a check under way.
   * When it was not, it is held until {@link release}.
   */
  checkAndHold(jti: string, now: number): boolean {
    const until = this.forgetAt.get(jti);
    if (until !== undefined && until <= now) {
      this.forgetAt.delete(jti);
    } else if (until !== undefined) {
      return true;
    }
    if (this.held.has(jti)) {
      return true;
    }
    this.held.add(jti);
    return false;
  }

  /**
   * Ends the hold of {@link checkAndHold}. With `rememberUntil` (the token was accepted), the `jti` is remembered
   * until then; without it (the token was refused), it may be used again.
   */
  release(jti: string, now: number, rememberUntil?: number): void {
    this.held.delete(jti);
    if (rememberUntil === undefined || rememberUntil <= now) {
      return;
    }
    this.forget(now);
    while (this.forgetAt.size >= this.maxEntries) {
      // The first key is the one remembered longest ago.
      const oldest = this.forgetAt.keys().next().value as string;
      this.forgetAt.delete(oldest);
    }
    this.forgetAt.set(jti, rememberUntil);
  }

  /** Drops every `jti` whose time is up. */
  private forget(now: number): void {
    for (const [jti, until] of this.forgetAt) {
      if (until <= now) {
        this.forgetAt.delete(jti);
      }
    }
  }
}
