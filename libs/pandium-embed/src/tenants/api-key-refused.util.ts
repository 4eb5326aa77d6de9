import { PandiumApiError } from '../errors/pandium-api.error.js';

/**
 * What a log line adds when Pandium refused the API key (401 or 403), or `''`: the advice that names
 * `PANDIUM_API_KEY`, never the key. Shared by the status reads and the run and uninstall audit lines.
 *
 * @internal
 */
export function apiKeyRefusedAdvice(error: unknown): string {
  return error instanceof PandiumApiError &&
    (error.status === 401 || error.status === 403)
    ? ' Pandium refused the API key: check PANDIUM_API_KEY (the apiKey option) and its environment.'
    : '';
}
