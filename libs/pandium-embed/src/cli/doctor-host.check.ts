import { PANDIUM_ENV_VARIABLES } from '../options/pandium-embed.config.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { PandiumUrlBuilder } from '../signing/pandium-url.builder.js';
import type {
  DoctorContentSecurityPolicy,
  DoctorFinding,
} from './doctor-report.interface.js';

/** What doctor found about where links go and what the host page must allow. @internal */
export interface DoctorHost {
  readonly embedOrigin: string;
  readonly contentSecurityPolicy: DoctorContentSecurityPolicy;
  readonly findings: DoctorFinding[];
}

/**
 * The host signed links go to (through the URL builder, the one place that knows Pandium's hosts), the production
 * host question (`imp.pandium.com` on Pandium's install-only page, `imp.pandium.io` on its marketplace page), and
 * the `frame-src` and `frame-ancestors` values the host app's pages need.
 *
 * @see https://docs.pandium.com/marketplaces/embedding-the-integration-install-only
 * @internal
 */
export function checkDoctorHost(
  options: ResolvedPandiumEmbedOptions,
): DoctorHost {
  const embedOrigin = new PandiumUrlBuilder(options).origin;
  const findings: DoctorFinding[] = [
    {
      check: 'host',
      status: 'ok',
      message:
        `links go to ${embedOrigin}/${options.account}, ` +
        (options.baseUrl === undefined
          ? `the ${options.environment} host (${PANDIUM_ENV_VARIABLES.environment})`
          : `from ${PANDIUM_ENV_VARIABLES.baseUrl}`),
    },
  ];
  if (options.baseUrl === undefined && options.environment === 'production') {
    findings.push({
      check: 'host',
      status: 'note',
      variable: PANDIUM_ENV_VARIABLES.baseUrl,
      message: `production links go to ${embedOrigin}, the host on Pandium's install-only page`,
      cause: "Pandium's marketplace page names https://imp.pandium.io instead",
      fix: `open your Integration Hub: if its address is on imp.pandium.io, set ${PANDIUM_ENV_VARIABLES.baseUrl}=https://imp.pandium.io`,
    });
  }
  const contentSecurityPolicy = {
    frameSrc: `'self' ${embedOrigin}`,
    frameAncestors: "'self'",
  };
  findings.push({
    check: 'csp',
    status: 'note',
    message: `your pages need the Content-Security-Policy directives below, with Pandium's origin ${embedOrigin}`,
    cause:
      "in ticket mode the iframe first loads your own launch route ('self'), which redirects to Pandium; " +
      "Pandium's pages allow only the parent origins Pandium knows in their own frame-ancestors",
    fix:
      "add these directives (a site-wide frame-ancestors 'none' or X-Frame-Options: DENY blocks the launch routes), " +
      "and give Pandium your app's origin (the marketplace needs it; sandbox and PoC accounts do not)",
  });
  return { embedOrigin, contentSecurityPolicy, findings };
}
