/**
 * Who may frame one of Pandium's pages, as its answer said: the `frame-ancestors` sources of its
 * Content-Security-Policy, and its `X-Frame-Options` (which browsers ignore when `frame-ancestors` is there).
 * `answered` without either means any page may frame it. A redirect is not judged: its own headers do not apply
 * to the page it leads to.
 *
 * @internal
 */
export type DoctorFramePolicy =
  | {
      readonly outcome: 'answered';
      readonly url: string;
      readonly status: number;
      /** The sources of the first `frame-ancestors` directive, when there is one. */
      readonly frameAncestors?: readonly string[];
      /** `X-Frame-Options`, upper-cased, when set. */
      readonly xFrameOptions?: string;
    }
  | {
      readonly outcome: 'redirected' | 'unreachable' | 'timed-out';
      readonly url: string;
      readonly status?: number;
      readonly reason?: string;
    };

/**
 * Sends `GET <url>` (no token, no redirect followed, the body dropped unread) and reads who may frame the page.
 * Never throws: every failure is an outcome.
 *
 * @internal
 */
export async function probeFramePolicy(
  url: string,
  timeoutMs: number,
): Promise<DoctorFramePolicy> {
  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'TimeoutError') {
      return { outcome: 'timed-out', url };
    }
    const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
    return {
      outcome: 'unreachable',
      url,
      reason: typeof cause?.code === 'string' ? cause.code : 'network error',
    };
  }
  await response.body?.cancel();
  if (response.status >= 300 && response.status < 400) {
    return { outcome: 'redirected', url, status: response.status };
  }
  const frameAncestors = frameAncestorsOf(
    response.headers.get('content-security-policy'),
  );
  const xFrameOptions = response.headers
    .get('x-frame-options')
    ?.trim()
    .toUpperCase();
  return {
    outcome: 'answered',
    url,
    status: response.status,
    ...(frameAncestors === undefined ? {} : { frameAncestors }),
    ...(xFrameOptions === undefined ? {} : { xFrameOptions }),
  };
}

/** The sources of the first `frame-ancestors` directive of a policy (several policies arrive joined by commas). */
function frameAncestorsOf(policy: string | null): string[] | undefined {
  if (policy === null) {
    return undefined;
  }
  for (const directive of policy.split(/[;,]/)) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name?.toLowerCase() === 'frame-ancestors') {
      return sources;
    }
  }
  return undefined;
}
