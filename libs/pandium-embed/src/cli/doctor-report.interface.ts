/**
 * What `pandium-embed doctor` checks, one name each: the `PANDIUM_*` variables, the shared secret, the embed host,
 * the API key, the clock, and the Content-Security-Policy the host page needs.
 *
 * @internal
 */
export type DoctorCheck =
  'environment' | 'secret' | 'host' | 'api-key' | 'clock' | 'csp';

/**
 * One finding: `ok`, a `problem` (exit 1), a `note` worth reading, or a check `skipped` (and why). A problem says
 * its cause and its fix, and names the variable to change when one is. No finding holds a secret's value.
 *
 * @internal
 */
export interface DoctorFinding {
  readonly check: DoctorCheck;
  readonly status: 'ok' | 'problem' | 'note' | 'skipped';
  /** The environment variable to change, when one is. */
  readonly variable?: string;
  /** What was found, in one sentence. */
  readonly message: string;
  /** Why it matters, for a problem or a note. */
  readonly cause?: string;
  /** What to do, for a problem or a note. */
  readonly fix?: string;
}

/**
 * One `PANDIUM_*` variable as doctor read it: set or not, and its value unless it is a secret.
 *
 * @internal
 */
export interface DoctorVariable {
  readonly name: string;
  readonly set: boolean;
  /** The value, for a variable that is not a secret (and does not hold one by mistake). */
  readonly value?: string;
}

/**
 * The Content-Security-Policy directives the host app's pages need, with Pandium's origin filled in.
 *
 * @internal
 */
export interface DoctorContentSecurityPolicy {
  /** On the pages that hold the iframe: `'self' <Pandium's origin>` (`'self'` for the launch route, in ticket mode). */
  readonly frameSrc: string;
  /** On the library's launch routes, which the host's own page frames: `'self'`, or the `--app-origin` given. */
  readonly frameAncestors: string;
}

/**
 * Everything `pandium-embed doctor` found: the `--json` output. `ok` is false when any finding is a problem.
 *
 * @internal
 */
export interface DoctorReport {
  readonly ok: boolean;
  readonly variables: readonly DoctorVariable[];
  /** The first 8 hex characters of the shared secret's SHA-256, as the signer logs it at boot. */
  readonly secretFingerprint?: string;
  /** Where signed links go: Pandium's origin (the value `frame-src` needs). */
  readonly embedOrigin?: string;
  /** The REST API base URL asked. */
  readonly apiBaseUrl?: string;
  /** This machine's clock less Pandium's, in milliseconds, and the allowance compared with. */
  readonly clockSkew?: {
    readonly offsetMs: number;
    readonly allowanceSeconds: number;
  };
  /** The origin of the host app's pages, from `--app-origin`. */
  readonly appOrigin?: string;
  readonly contentSecurityPolicy?: DoctorContentSecurityPolicy;
  readonly findings: readonly DoctorFinding[];
}
