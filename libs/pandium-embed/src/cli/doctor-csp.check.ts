import { LOOPBACK_HOSTS } from '../options/base-url.validator.js';
import { frameAncestorsAllow } from './doctor-frame-ancestors.util.js';
import type { DoctorFramePolicy } from './doctor-frame-policy.probe.js';
import type {
  DoctorContentSecurityPolicy,
  DoctorFinding,
} from './doctor-report.interface.js';

/** What doctor found about framing: the directives the host app's pages need, and the checks. @internal */
export interface DoctorCsp {
  readonly contentSecurityPolicy: DoctorContentSecurityPolicy;
  readonly findings: DoctorFinding[];
}

/**
 * The Content-Security-Policy the host app's pages need, and, with `--app-origin`, the checks that follow from it.
 * The iframe's page needs `frame-src 'self' <Pandium's origin>`: `'self'` for the launch routes, which the iframe
 * loads first (they redirect to Pandium), assumed on the page's origin as the browser helper's relative endpoint
 * has them. The launch routes need to let that page frame them (their error pages are shown in the iframe):
 * `frame-ancestors 'self'` without the flag, the app's origin exactly with it. With the flag: an `https:` page may
 * not frame an `http:` Pandium (mixed content; only `localhost` pages get away with it in some browsers), and
 * Pandium's page must let the app's origin frame it (its own `frame-ancestors`, as `framePolicy` read it).
 *
 * @internal
 */
export function checkDoctorCsp(
  embedOrigin: string,
  appOrigin?: string,
  framePolicy?: DoctorFramePolicy,
): DoctorCsp {
  const contentSecurityPolicy = {
    frameSrc: `'self' ${embedOrigin}`,
    frameAncestors: appOrigin ?? "'self'",
  };
  const directives: DoctorFinding = {
    check: 'csp',
    status: 'note',
    message:
      appOrigin === undefined
        ? `your pages need the Content-Security-Policy directives below, with Pandium's origin ${embedOrigin}`
        : `your pages on ${appOrigin} need the Content-Security-Policy directives below, with Pandium's origin ${embedOrigin}`,
    cause:
      "in ticket mode the iframe first loads your own launch route ('self'), which redirects to Pandium; " +
      "Pandium's pages allow only the parent origins Pandium knows in their own frame-ancestors",
    fix:
      "add these directives (a site-wide frame-ancestors 'none' or X-Frame-Options: DENY blocks the launch routes), " +
      (appOrigin === undefined
        ? "and give Pandium your app's origin (the marketplace needs it; sandbox and PoC accounts do not); " +
          'run doctor --app-origin <your app origin> for the exact values and the checks that follow'
        : `and give Pandium ${appOrigin} (the marketplace needs it; sandbox and PoC accounts do not)`),
  };
  if (appOrigin === undefined) {
    return { contentSecurityPolicy, findings: [directives] };
  }
  const findings = [directives, mixedContent(appOrigin, embedOrigin)];
  if (framePolicy !== undefined) {
    findings.push(pandiumFraming(appOrigin, embedOrigin, framePolicy));
  }
  return {
    contentSecurityPolicy,
    findings: findings.filter((finding) => finding !== undefined),
  };
}

/** An `http:` Pandium in an `https:` page: blocked as mixed content, but for a page on this machine in some browsers. */
function mixedContent(
  appOrigin: string,
  embedOrigin: string,
): DoctorFinding | undefined {
  const app = new URL(appOrigin);
  if (app.protocol !== 'https:' || !embedOrigin.startsWith('http:')) {
    return undefined;
  }
  const local = LOOPBACK_HOSTS.has(app.hostname);
  return {
    check: 'csp',
    status: local ? 'note' : 'problem',
    message: `the https page ${appOrigin} would frame Pandium's page over http (${embedOrigin})`,
    cause: local
      ? 'Chrome and Firefox let a page on localhost frame http://localhost; Safari blocks it as mixed content'
      : 'browsers block an http frame in an https page (mixed content), and a page not on this machine cannot reach a local emulator',
    fix: local
      ? `serve your app over http://localhost for local development, or test in Chrome or Firefox`
      : `give doctor the origin your pages are served from when you use the emulator (http://localhost:<port>), or set PANDIUM_BASE_URL to Pandium's https host`,
  };
}

/** Whether Pandium's page, as it answered, lets the app's page frame it. */
function pandiumFraming(
  appOrigin: string,
  embedOrigin: string,
  policy: DoctorFramePolicy,
): DoctorFinding {
  if (policy.outcome !== 'answered') {
    return {
      check: 'csp',
      status: 'skipped',
      message:
        policy.outcome === 'redirected'
          ? `who may frame Pandium's page not checked: GET ${policy.url} answered a redirect (${policy.status})`
          : `who may frame Pandium's page not checked: GET ${policy.url} ${policy.outcome === 'timed-out' ? 'got no answer in time' : `failed (${policy.reason})`}`,
    };
  }
  const { frameAncestors, xFrameOptions } = policy;
  const allowed =
    frameAncestors !== undefined
      ? frameAncestorsAllow(frameAncestors, appOrigin, embedOrigin)
      : xFrameOptions === undefined ||
        (xFrameOptions === 'SAMEORIGIN' && appOrigin === embedOrigin);
  const rule =
    frameAncestors !== undefined
      ? `frame-ancestors ${frameAncestors.join(' ')}`
      : xFrameOptions === undefined
        ? 'no frame-ancestors nor X-Frame-Options'
        : `X-Frame-Options: ${xFrameOptions}`;
  if (allowed) {
    return {
      check: 'csp',
      status: 'ok',
      message: `Pandium's page lets ${appOrigin} frame it: GET ${policy.url} answered ${policy.status} with ${rule}`,
    };
  }
  const local = LOOPBACK_HOSTS.has(new URL(embedOrigin).hostname);
  return {
    check: 'csp',
    // The emulator sends one policy on every answer; Pandium may set its own per account and page.
    status: local ? 'problem' : 'note',
    message: `Pandium's page does not let ${appOrigin} frame it: GET ${policy.url} answered ${policy.status} with ${rule}`,
    cause: local
      ? 'the browser shows a blank or refused iframe: the emulator lets only its --host-origin frame its pages'
      : 'Pandium lets only the parent origins it knows frame its pages (this page, without a token, may differ from the signed one)',
    fix: local
      ? `start the emulator with --host-origin ${appOrigin} (PANDIUM_EMULATOR_HOST_ORIGIN), or give doctor the origin your pages are served from`
      : `ask Pandium to allow ${appOrigin} for your account (the marketplace needs it), then run doctor again`,
  };
}
