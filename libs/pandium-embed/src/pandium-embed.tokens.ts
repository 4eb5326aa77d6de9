// Every injection token of the library, and one route metadata key. Values are namespaced strings (`PANDIUM:…`), so
// they never collide with a host app's. Public: the strategies' tokens (to override a strategy in a test) and the
// token of a named instance's service; the rest is the library's own wiring.

/**
 * Token of the host app's {@link ClaimsProvider}.
 *
 * @publicApi
 */
export const PANDIUM_CLAIMS_PROVIDER = 'PANDIUM:CLAIMS_PROVIDER';

/**
 * Token of the host app's {@link TokenProvider}.
 *
 * @publicApi
 */
export const PANDIUM_TOKEN_PROVIDER = 'PANDIUM:TOKEN_PROVIDER';

/**
 * Token of the {@link IntegrationCatalog} in use (the host app's, or the static one built from `integrations`).
 *
 * @publicApi
 */
export const PANDIUM_INTEGRATION_CATALOG = 'PANDIUM:INTEGRATION_CATALOG';

/**
 * Token of the {@link PandiumEmbedService} of the instance registered with `forRoot({ name })` (or `forRootAsync`):
 * what that instance exports, in place of the class, so instances imported side by side never collide.
 *
 * @publicApi
 */
export function getPandiumEmbedServiceToken(name: string): string {
  return `PANDIUM:INSTANCE:${name}:SERVICE`;
}

/** Token of the {@link PandiumJwtSigner} of the instance named `name`. @internal */
export function getPandiumJwtSignerToken(name: string): string {
  return `PANDIUM:INSTANCE:${name}:JWT_SIGNER`;
}

/** Token of the {@link PandiumUrlBuilder} of the instance named `name`. @internal */
export function getPandiumUrlBuilderToken(name: string): string {
  return `PANDIUM:INSTANCE:${name}:URL_BUILDER`;
}

/**
 * Token of the {@link PandiumLaunchTicketService} of the instance named `name`.
 *
 * @internal
 */
export function getPandiumLaunchTicketServiceToken(name: string): string {
  return `PANDIUM:INSTANCE:${name}:LAUNCH_TICKET_SERVICE`;
}

/** Token of a named instance's name; building it checks that no other instance has the same one. @internal */
export const PANDIUM_INSTANCE_NAME = 'PANDIUM:INSTANCE_NAME';

/** Token of a named instance's per-call identity, so two registrations are two modules even when Nest hashes them alike. @internal */
export const PANDIUM_INSTANCE_ID = 'PANDIUM:INSTANCE_ID';

/** Token of the {@link PandiumInstanceSelector} of `PandiumEmbedRouterModule`: which named instance serves a user. @internal */
export const PANDIUM_INSTANCE_SELECTOR = 'PANDIUM:INSTANCE_SELECTOR';

/** How long the router waits for the instance selector, in milliseconds. @internal */
export const PANDIUM_SELECTOR_TIMEOUT_MS = 'PANDIUM:SELECTOR_TIMEOUT_MS';

/**
 * Token of the options exactly as the host app passed them to `forRoot` or returned from `forRootAsync`'s factory
 * (before defaults and validation, the shared secret wrapped in a `PandiumSecret`): the builder's
 * `MODULE_OPTIONS_TOKEN`, under a readable name.
 *
 * @internal
 */
export const PANDIUM_EMBED_MODULE_OPTIONS = 'PANDIUM_EMBED_MODULE_OPTIONS';

/** Token of the options after defaults were merged and every field was validated. @internal */
export const PANDIUM_RESOLVED_OPTIONS = 'PANDIUM:RESOLVED_OPTIONS';

/** Token of the resolved controller settings (prefix, user property, rate limit). @internal */
export const PANDIUM_CONTROLLER_OPTIONS = 'PANDIUM:CONTROLLER_OPTIONS';

/** Token of the {@link PandiumClock} used for `iat` and `exp` (the testing kit replaces it). @internal */
export const PANDIUM_CLOCK = 'PANDIUM:CLOCK';

/** Token of the {@link PandiumRateLimitStore} in use (the `rateLimitStore` option, or the in-memory one). @internal */
export const PANDIUM_RATE_LIMIT_STORE = 'PANDIUM:RATE_LIMIT_STORE';

/** Token of the {@link PandiumLaunchTicketStore} in use (the `launchTicketStore` option, or the in-memory one). @internal */
export const PANDIUM_LAUNCH_TICKET_STORE = 'PANDIUM:LAUNCH_TICKET_STORE';

/** Token of the {@link PandiumLaunchUserSerializer} (the `launchUserSerializer` option), when there is one. @internal */
export const PANDIUM_LAUNCH_USER_SERIALIZER = 'PANDIUM:LAUNCH_USER_SERIALIZER';

/** Route metadata: this handler takes a JSON body, which {@link PandiumNoInputGuard} then lets through. @internal */
export const PANDIUM_TAKES_BODY_METADATA = 'PANDIUM:TAKES_BODY';

/** Token of the `JwtService` (from `@nestjs/jwt`) the signer signs through; it holds no secret. @internal */
export const PANDIUM_JWT_SERVICE = 'PANDIUM:JWT_SERVICE';

/**
 * Token of the {@link PandiumLinkSource} the controllers use: the module's `PandiumEmbedService`, or the router of
 * `PandiumEmbedRouterModule`.
 *
 * @internal
 */
export const PANDIUM_LINK_SOURCE = 'PANDIUM:LINK_SOURCE';

/**
 * Token of the {@link PandiumLaunchTicketSource} the launch controllers use: the module's
 * `PandiumLaunchTicketService`, or the router of `PandiumEmbedRouterModule`.
 *
 * @internal
 */
export const PANDIUM_LAUNCH_TICKET_SOURCE = 'PANDIUM:LAUNCH_TICKET_SOURCE';

/** Token of the {@link PandiumStatusSource}: `null` when no `apiKey` is configured. @internal */
export const PANDIUM_STATUS_SOURCE = 'PANDIUM:STATUS_SOURCE';

/** Token of the {@link PandiumStatusStore} in use (the `statusStore` option, or the in-memory one). @internal */
export const PANDIUM_STATUS_STORE = 'PANDIUM:STATUS_STORE';

/** Token of the one `PandiumTenantsClient`: `null` when no `apiKey` is configured. @internal */
export const PANDIUM_TENANTS_CLIENT = 'PANDIUM:TENANTS_CLIENT';

/**
 * Token of a module's one `PandiumApiBusyGate`: after a 429 from Pandium's tenant API it holds back every call to it
 * (statuses, run and uninstall, webhook confirmations) until `Retry-After` has passed. @internal
 */
export const PANDIUM_API_BUSY_GATE = 'PANDIUM:API_BUSY_GATE';

/** Token of the {@link PandiumIntegrationActions} (run, uninstall): `null` when no `apiKey` is configured. @internal */
export const PANDIUM_INTEGRATION_ACTIONS = 'PANDIUM:INTEGRATION_ACTIONS';

/** Route metadata: this handler changes state, so {@link PandiumSameSiteGuard} refuses it from another site. @internal */
export const PANDIUM_CHANGES_STATE_METADATA = 'PANDIUM:CHANGES_STATE';

/** Token of the webhook receiver's resolved settings (the `webhooks` extra), when it is on. @internal */
export const PANDIUM_WEBHOOK_SETTINGS = 'PANDIUM:WEBHOOK_SETTINGS';

/** Token of the host app's {@link PandiumWebhookHandler}s, as a list. @internal */
export const PANDIUM_WEBHOOK_HANDLERS = 'PANDIUM:WEBHOOK_HANDLERS';

/** Token of the {@link PandiumWebhookDeliveryStore} in use (`webhooks.deliveryStore`, or the in-memory one). @internal */
export const PANDIUM_WEBHOOK_DELIVERY_STORE = 'PANDIUM:WEBHOOK_DELIVERY_STORE';
