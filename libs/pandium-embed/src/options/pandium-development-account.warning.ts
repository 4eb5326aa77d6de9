import { Logger } from '@nestjs/common';
import { PANDIUM_HOSTS } from '../signing/pandium-hosts.js';
import {
  PANDIUM_DEVELOPMENT_ACCOUNT,
  PANDIUM_ENV_VARIABLES,
} from './pandium-embed.config.js';
import type { ResolvedPandiumEmbedOptions } from './pandium-embed-options.validator.js';

/** Pandium's own domains: a `baseUrl` on one of them (e.g. `https://imp.pandium.io`) is the real Pandium. */
const PANDIUM_DOMAINS = ['pandium.com', 'pandium.io'];

/** Where links go: `baseUrl` when set, else the environment's host. */
function pandiumHostOf(options: ResolvedPandiumEmbedOptions): URL {
  return new URL(options.baseUrl ?? PANDIUM_HOSTS[options.environment]);
}

function isPandiumsOwn(url: URL): boolean {
  return PANDIUM_DOMAINS.some(
    (domain) => url.hostname === domain || url.hostname.endsWith(`.${domain}`),
  );
}

/**
 * Warns once, at boot, when links signed for the development default account (`pandium-embed-demo`, which
 * `pandiumConfig` uses when `PANDIUM_ACCOUNT` is not set) go to one of Pandium's real hosts: Pandium does not know
 * that account, so every link fails there while nothing else looks wrong. The local emulator and other hosts are
 * left alone. Returns the options unchanged.
 *
 * @internal
 */
export function warnOnDevelopmentAccount(
  options: ResolvedPandiumEmbedOptions,
  logger = new Logger('PandiumEmbedModule'),
): ResolvedPandiumEmbedOptions {
  const host = pandiumHostOf(options);
  if (options.account === PANDIUM_DEVELOPMENT_ACCOUNT && isPandiumsOwn(host)) {
    logger.warn(
      `Signing for account "${PANDIUM_DEVELOPMENT_ACCOUNT}", the development default, on Pandium's host ` +
        `${host.origin}: Pandium does not know this account and will refuse every link. ` +
        `Set ${PANDIUM_ENV_VARIABLES.account} (or the account option) to your Pandium account slug.`,
    );
  }
  return options;
}
