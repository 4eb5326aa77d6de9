import { describeController } from './pandium-embed-openapi-route.doc.js';
import type {
  PandiumControllerDoc,
  PandiumRouteDoc,
} from './pandium-embed-openapi-route.doc.js';
import { PandiumEmbedUrlResponseDto } from '../http/pandium-embed-url-response.dto.js';
import { PandiumInstallUrlResponseDto } from '../http/pandium-install-url-response.dto.js';
import { PandiumIntegrationResponseDto } from '../http/pandium-integration-response.dto.js';
import { PandiumLaunchLinkResponseDto } from '../launch/pandium-launch-link-response.dto.js';
import { PandiumSyncResponseDto } from '../http/pandium-sync-response.dto.js';
import { PandiumEmbedController } from '../http/pandium-embed.controller.js';
import { PandiumLaunchTicketController } from '../launch/pandium-launch-ticket.controller.js';
import { PandiumLaunchController } from '../launch/pandium-launch.controller.js';
import { PANDIUM_WEBHOOK_CONTROLLER_DOC } from './pandium-webhook-openapi.doc.js';

const STRING_SCHEMA = { type: 'string' } as const;

/** The headers of an answer that carries a signed token or leads to one. */
const NO_STORE_HEADERS = {
  'Cache-Control': {
    description: 'Never cached.',
    schema: { ...STRING_SCHEMA, example: 'no-store' },
  },
  'Referrer-Policy': {
    description: 'Never sent on as a Referer.',
    schema: { ...STRING_SCHEMA, example: 'no-referrer' },
  },
};

/** A `302` to a Pandium page signed now. */
function redirectToPandium(description: string): PandiumRouteDoc['success'] {
  return {
    status: 302,
    description,
    headers: {
      Location: {
        description:
          'The signed Pandium URL, token included: the iframe follows it. Never log it.',
        schema: { ...STRING_SCHEMA, format: 'uri' },
      },
      ...NO_STORE_HEADERS,
    },
  };
}

const NO_INPUT =
  'A query string or a request body: these routes take none, since claims come from the server only.';
const UNAUTHENTICATED =
  "No signed-in user on the request (the host app's guards may answer first, with their own body).";
const NOT_IN_CATALOG = "The integration id is not in this user's catalog.";
const RATE_LIMITED =
  'Too many signed links or actions (run, uninstall, refresh: one budget) for this user; try again after `Retry-After` seconds.';
const STRATEGY_FAILED =
  'A server-side provider (claims, token or catalog) failed or returned invalid output. `correlationId` names the server log line.';
const RATE_LIMIT_STORE_DOWN =
  'The rate-limit store could not be reached, so nothing was signed. `correlationId` names the server log line.';
const STRATEGY_TIMED_OUT =
  'A server-side provider did not answer within `strategyTimeoutMs`. `correlationId` names the server log line.';
const MALFORMED_ID = `A malformed integration id, or ${NO_INPUT.charAt(0).toLowerCase()}${NO_INPUT.slice(1)}`;

/** The errors of every route that signs for the signed-in user. */
const SIGNING_ERRORS = {
  400: NO_INPUT,
  401: UNAUTHENTICATED,
  429: RATE_LIMITED,
  502: STRATEGY_FAILED,
  503: RATE_LIMIT_STORE_DOWN,
  504: STRATEGY_TIMED_OUT,
} as const;

/** The errors of the routes that change state (run, uninstall, refresh). */
const ACTION_ERRORS = {
  400: MALFORMED_ID,
  401: UNAUTHENTICATED,
  403: 'Another site sent the request (`Sec-Fetch-Site: cross-site`): state-changing routes answer only your own pages.',
  429: 'Too many requests for this user; try again after `Retry-After` seconds.',
  501: 'The module has no `apiKey` (`PANDIUM_API_KEY`). `correlationId` names the server log line.',
  502: "Pandium's API failed (`PANDIUM_API_FAILED`), or a server-side provider did (`PANDIUM_STRATEGY_FAILED`). `correlationId` names the server log line.",
  503: "Pandium's API is busy (`PANDIUM_API_BUSY`: try again after `Retry-After` seconds), or the rate-limit store could not be reached. `correlationId` names the server log line.",
  504: "Pandium's API (`PANDIUM_API_TIMEOUT`) or a server-side provider (`PANDIUM_STRATEGY_TIMEOUT`) did not answer in time. `correlationId` names the server log line.",
} as const;

const NO_TENANT =
  'This user has no live Pandium tenant of the integration (`PANDIUM_TENANT_NOT_FOUND`).';

const IFRAME_ADVICE =
  'Request it right before showing the iframe; never cache or log it.';

/**
 * One entry per controller of the library, one per route in each: what `documentPandiumEmbed()` applies.
 *
 * @internal
 */
export const PANDIUM_CONTROLLER_DOCS: readonly PandiumControllerDoc[] = [
  describeController(PandiumEmbedController, true, {
    listIntegrations: {
      summary: 'List the integrations this user may install',
      description:
        "The host app's catalog for the signed-in user, as its `IntegrationCatalog` gives it; with an `apiKey`, each entry has the user's `status` (a Pandium failure makes it `unknown`, never an error).",
      success: {
        status: 200,
        description: 'The integrations (possibly none).',
        type: PandiumIntegrationResponseDto,
        isArray: true,
      },
      errors: {
        400: NO_INPUT,
        401: UNAUTHENTICATED,
        502: STRATEGY_FAILED,
        504: STRATEGY_TIMED_OUT,
      },
    },
    createInstallUrl: {
      summary: "Sign a URL for one integration's install flow",
      description: `A Pandium URL with a short-lived token signed now for the signed-in user, for an iframe's \`src\`. ${IFRAME_ADVICE}`,
      success: {
        status: 200,
        description: 'The signed install URL.',
        type: PandiumInstallUrlResponseDto,
        headers: NO_STORE_HEADERS,
      },
      errors: { ...SIGNING_ERRORS, 400: MALFORMED_ID, 404: NOT_IN_CATALOG },
    },
    refreshStatuses: {
      summary: "Make this user's next catalog read fresh",
      description:
        "After Pandium's `pandium-save-sync`: the next `GET …/integrations` for this user asks Pandium again instead of its cache. Honoured at most once per user per 5 s (a call within that time answers 204 and does nothing), so a client cannot make the server call Pandium at will. Without an `apiKey`, a 204 that does nothing.",
      success: {
        status: 204,
        description: 'Done (or nothing to do).',
        headers: { 'Cache-Control': NO_STORE_HEADERS['Cache-Control'] },
      },
      errors: {
        400: NO_INPUT,
        401: UNAUTHENTICATED,
        403: ACTION_ERRORS[403],
        429: ACTION_ERRORS[429],
        502: STRATEGY_FAILED,
        503: RATE_LIMIT_STORE_DOWN,
        504: STRATEGY_TIMED_OUT,
      },
    },
    runIntegration: {
      summary: "Run the user's own tenant of an integration",
      description:
        "Starts a run (`mode=normal`) of the signed-in user's live tenant of this integration, found through Pandium's tenant list for the user's `sub`, never through an id the client sends. The integration must be in the user's catalog. Logs one audit line.",
      success: {
        status: 202,
        description: "Pandium's trigger id of the run.",
        type: PandiumSyncResponseDto,
        headers: { 'Cache-Control': NO_STORE_HEADERS['Cache-Control'] },
      },
      errors: {
        ...ACTION_ERRORS,
        404: `The integration id is not in this user's catalog (\`PANDIUM_INTEGRATION_NOT_FOUND\`), or ${NO_TENANT.charAt(0).toLowerCase()}${NO_TENANT.slice(1)}`,
      },
      retryAfterOn503: true,
    },
    uninstallIntegration: {
      summary: "Uninstall (archive) the user's own tenant of an integration",
      description:
        "Archives the signed-in user's live tenant of this integration, found as the run route finds it. The integration need not be in the user's catalog: a user may always remove their own tenant. Logs one audit line.",
      success: {
        status: 204,
        description: 'The tenant is archived.',
        headers: { 'Cache-Control': NO_STORE_HEADERS['Cache-Control'] },
      },
      errors: { ...ACTION_ERRORS, 404: NO_TENANT },
      retryAfterOn503: true,
    },
    createMarketplaceUrl: {
      summary: "Sign a URL for Pandium's in-app marketplace",
      description: `A Pandium marketplace URL with a short-lived token signed now for the signed-in user, for an iframe's \`src\`. ${IFRAME_ADVICE}`,
      success: {
        status: 200,
        description: 'The signed marketplace URL.',
        type: PandiumEmbedUrlResponseDto,
        headers: NO_STORE_HEADERS,
      },
      errors: SIGNING_ERRORS,
    },
  }),
  describeController(PandiumLaunchController, true, {
    launchInstall: {
      summary: "Open one integration's install flow (iframe src)",
      description:
        "For hosts whose session is a cookie: give this route to the iframe as its `src`. It answers `302` to a Pandium URL signed now for the signed-in user, so the token never passes through the page's scripts. Errors answer an HTML page that the iframe shows.",
      success: redirectToPandium('To the signed install URL.'),
      errors: { ...SIGNING_ERRORS, 400: MALFORMED_ID, 404: NOT_IN_CATALOG },
      errorBody: 'html',
    },
    launchMarketplace: {
      summary: "Open Pandium's in-app marketplace (iframe src)",
      description:
        'For hosts whose session is a cookie: give this route to the iframe as its `src`. It answers `302` to a Pandium marketplace URL signed now for the signed-in user. Errors answer an HTML page that the iframe shows.',
      success: redirectToPandium('To the signed marketplace URL.'),
      errors: SIGNING_ERRORS,
      errorBody: 'html',
    },
    createLaunchTicket: {
      summary: 'Issue a single-use launch URL (iframe src)',
      description:
        "For front ends that authenticate with a header an iframe cannot send: the answer's `launchUrl` is the iframe's `src`. It works once, within `expiresIn` seconds, and needs no `Authorization` header. Accept `postMessage` events only from `pandiumOrigin`.",
      success: {
        status: 201,
        description: 'The launch URL of a new ticket.',
        type: PandiumLaunchLinkResponseDto,
        headers: NO_STORE_HEADERS,
      },
      errors: {
        ...SIGNING_ERRORS,
        400: 'A malformed body (`kind` must be `install` with an `integrationId`, or `marketplace` without one), or a query string.',
        404: NOT_IN_CATALOG,
        503: 'The rate-limit store or the launch ticket store could not be reached, so no ticket was issued. `correlationId` names the server log line.',
      },
    },
  }),
  describeController(PandiumLaunchTicketController, false, {
    redeem: {
      summary: 'Redeem a launch ticket (iframe src)',
      description:
        "The `launchUrl` of `POST …/launch-tickets`. Runs none of the host app's guards (the ticket is the credential) and answers `302` to a Pandium URL signed now for the user the ticket was issued to. Tickets this app did not issue are rate-limited per client IP. Errors answer an HTML page that the iframe shows.",
      success: redirectToPandium(
        "To the signed URL of the ticket's target (install flow or marketplace).",
      ),
      params: [
        {
          name: 'ticket',
          type: String,
          description:
            'The single-use ticket from `launchUrl`; a credential until it expires.',
        },
      ],
      errors: {
        403: 'A browser loaded the ticket without the cookie of the browser that asked for it (`controller.launch.bindToBrowser`).',
        404: "A ticket this app did not issue (malformed, tampered with, or signed with another secret), a user `launchUserSerializer` no longer finds, or an integration no longer in the user's catalog.",
        410: 'A ticket already used (each works once) or expired.',
        429: 'Too many tickets this app did not issue from this client IP; try again after `Retry-After` seconds. Never for a genuine ticket.',
        502: STRATEGY_FAILED,
        503: 'The rate-limit store or the launch ticket store could not be reached. `correlationId` names the server log line.',
        504: STRATEGY_TIMED_OUT,
      },
      errorBody: 'html',
    },
  }),
  PANDIUM_WEBHOOK_CONTROLLER_DOC,
];
