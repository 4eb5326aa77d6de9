import { Inject, Injectable } from '@nestjs/common';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { INTEGRATION_ID_PATTERN } from './pandium-jwt.constants.js';
import { PANDIUM_HOSTS } from './pandium-hosts.js';
import { PANDIUM_RESOLVED_OPTIONS } from '../pandium-embed.tokens.js';

/**
 * Builds Pandium's embed URLs. The only code that knows Pandium's hosts.
 *
 * @see https://docs.pandium.com/marketplaces/embedding-the-integration-install-only
 * @internal
 */
@Injectable()
export class PandiumUrlBuilder {
  /** `<base>/<account>`, computed once. */
  private readonly accountUrl: string;

  constructor(
    @Inject(PANDIUM_RESOLVED_OPTIONS) options: ResolvedPandiumEmbedOptions,
  ) {
    const base = (
      options.baseUrl ?? PANDIUM_HOSTS[options.environment]
    ).replace(/\/+$/, '');
    this.accountUrl = `${base}/${encodeURIComponent(options.account)}`;
  }

  /** The origin Pandium's pages are served from, for a CSP `frame-src` or a `postMessage` origin check. */
  get origin(): string {
    return new URL(this.accountUrl).origin;
  }

  /**
   * `<base>/<account>/tenants/create/<integrationId>?tenant=<token>`.
   *
   * @throws {Error} for an id that is not 1–128 letters, digits, `-`, `_`, `.` (or only dots): such an id could
   * change the URL's path (`..`), so it never reaches one.
   */
  installUrl(integrationId: string, token: string): string {
    if (!INTEGRATION_ID_PATTERN.test(integrationId)) {
      throw new Error(
        'PandiumUrlBuilder.installUrl: integrationId is not a valid Pandium integration id',
      );
    }
    return `${this.accountUrl}/tenants/create/${encodeURIComponent(integrationId)}?tenant=${encodeURIComponent(token)}`;
  }

  /** `<base>/<account>?tenant=<token>`: the in-app marketplace. */
  marketplaceUrl(token: string): string {
    return `${this.accountUrl}?tenant=${encodeURIComponent(token)}`;
  }
}
