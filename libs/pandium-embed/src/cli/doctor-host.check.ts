import { PANDIUM_ENV_VARIABLES } from '../options/pandium-embed.config.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { PandiumUrlBuilder } from '../signing/pandium-url.builder.js';
import type { DoctorFinding } from './doctor-report.interface.js';

/** What doctor found about where links go. @internal */
export interface DoctorHost {
  readonly embedOrigin: string;
  readonly findings: DoctorFinding[];
}

/**
 * The host signed links go to (through the URL builder, the one place that knows Pandium's hosts), the production
 * host question (`imp.pandium.com` on Pandium's install-only page, `imp.pandium.io` on its marketplace page).
 * The Content-Security-Policy is `checkDoctorCsp`'s.
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
  return { embedOrigin, findings };
}
