import { LOOPBACK_HOSTS } from '../options/base-url.validator.js';
import { PANDIUM_ENV_VARIABLES } from '../options/pandium-embed.config.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { PANDIUM_API_HOSTS, PANDIUM_HOSTS } from '../signing/pandium-hosts.js';
import type { DoctorFinding } from './doctor-report.interface.js';

/** Pandium's own domains: a host on one of them is the real Pandium. */
const PANDIUM_DOMAINS = ['pandium.com', 'pandium.io'];

type Environment = ResolvedPandiumEmbedOptions['environment'];

/**
 * The environment a host of Pandium's serves: a `sandbox` or `demo` label says so (`imp.sandbox.pandium.com`,
 * `imp.demo.pandium.com`), any other host on Pandium's domains is production (`imp.pandium.com`, `imp.pandium.io`).
 * `undefined` for a host that is not Pandium's.
 *
 * @internal
 */
export function pandiumEnvironmentOfHost(
  hostname: string,
): Environment | undefined {
  if (
    !PANDIUM_DOMAINS.some(
      (domain) => hostname === domain || hostname.endsWith(`.${domain}`),
    )
  ) {
    return undefined;
  }
  const labels = hostname.split('.');
  return labels.includes('sandbox')
    ? 'sandbox'
    : labels.includes('demo')
      ? 'demo'
      : 'production';
}

/**
 * Whether `PANDIUM_BASE_URL` and `PANDIUM_ENVIRONMENT` agree. The environment picks the API host (unless
 * `PANDIUM_API_BASE_URL` is set) and stands for one of Pandium's environments, each with its own shared secret and
 * API key: links on a sandbox host with `production` (or the reverse) fail on one side or the other, so that is a
 * problem. A local emulator outside production is fine; a host that is neither Pandium's nor local (a proxy?) is
 * a note. Nothing to say without `PANDIUM_BASE_URL`.
 *
 * @param environmentVariable `PANDIUM_ENVIRONMENT` as set (undefined when unset: the default applies).
 * @internal
 */
export function checkDoctorBaseUrl(
  options: ResolvedPandiumEmbedOptions,
  environmentVariable: string | undefined,
): DoctorFinding[] {
  if (options.baseUrl === undefined) {
    return [];
  }
  const { baseUrl: base, environment: env } = PANDIUM_ENV_VARIABLES;
  const { origin, hostname } = new URL(options.baseUrl);
  const { environment } = options;
  const named =
    environmentVariable === undefined
      ? `the environment is ${environment}, the default (${env} is not set)`
      : `the environment is ${environment} (${env})`;
  if (LOOPBACK_HOSTS.has(hostname)) {
    return environment === 'production'
      ? [
          {
            check: 'host',
            status: 'problem',
            variable: env,
            message: `links go to ${origin} on this machine (an emulator?) while ${named}`,
            cause: `production is for Pandium's real hosts and keys, but users would be sent to a page only this machine serves (API calls go to ${options.apiBaseUrl})`,
            fix: `for local development set ${env}=sandbox (or unset it); in production unset ${base}`,
          },
        ]
      : [
          {
            check: 'host',
            status: 'ok',
            variable: base,
            message: `${base} is on this machine (the emulator, for development) and ${named}: fine`,
          },
        ];
  }
  const hostEnvironment = pandiumEnvironmentOfHost(hostname);
  if (hostEnvironment === undefined) {
    return [
      {
        check: 'host',
        status: 'note',
        variable: base,
        message: `${base} names ${origin}, neither Pandium's host nor this machine`,
        cause: `doctor cannot tell which Pandium it leads to; ${named}, whose host is ${PANDIUM_HOSTS[environment]}`,
        fix: `if it is a proxy, check that it forwards to ${PANDIUM_HOSTS[environment]}; otherwise set ${base} to Pandium's host`,
      },
    ];
  }
  if (hostEnvironment === environment) {
    return [
      {
        check: 'host',
        status: 'ok',
        variable: base,
        message: `${base} is Pandium's ${hostEnvironment} host and ${named}: they agree`,
      },
    ];
  }
  return [
    {
      check: 'host',
      status: 'problem',
      variable: env,
      message: `${base} is Pandium's ${hostEnvironment} host (${origin}) while ${named}`,
      cause:
        options.apiBaseUrl === PANDIUM_API_HOSTS[environment]
          ? `each environment has its own shared secret and API key, and ${env} picks the API host ` +
            `(${options.apiBaseUrl}): links and API calls go to two different Pandiums, so one of them is refused`
          : `${env} picks no host here (${base} and ${PANDIUM_ENV_VARIABLES.apiBaseUrl} are set), yet names another ` +
            'environment than the links: one of the two is a leftover, and each environment has its own shared secret and API key',
      fix: `set ${env}=${hostEnvironment} if ${origin} is right, or set ${base} to ${PANDIUM_HOSTS[environment]} (or unset it)`,
    },
  ];
}
