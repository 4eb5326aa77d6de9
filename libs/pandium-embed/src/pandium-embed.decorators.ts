import { Inject } from '@nestjs/common';
import {
  PANDIUM_CLAIMS_PROVIDER,
  PANDIUM_INSTANCE_SELECTOR,
  PANDIUM_INTEGRATION_CATALOG,
  PANDIUM_LAUNCH_TICKET_STORE,
  PANDIUM_TOKEN_PROVIDER,
  getPandiumEmbedServiceToken,
} from './pandium-embed.tokens.js';

/**
 * Injects the {@link PandiumEmbedService} of the instance registered with `forRoot({ name })` or
 * `forRootAsync({ name })`.
 *
 * @example
 * constructor(@InjectPandiumEmbedService('eu') private readonly eu: PandiumEmbedService<User>) {}
 * @publicApi
 */
export const InjectPandiumEmbedService = (
  name: string,
): PropertyDecorator & ParameterDecorator =>
  Inject(getPandiumEmbedServiceToken(name));

/** Injects the {@link ClaimsProvider} the module was given. @internal */
export const InjectClaimsProvider = (): PropertyDecorator &
  ParameterDecorator => Inject(PANDIUM_CLAIMS_PROVIDER);

/** Injects the {@link TokenProvider} the module was given. @internal */
export const InjectTokenProvider = (): PropertyDecorator & ParameterDecorator =>
  Inject(PANDIUM_TOKEN_PROVIDER);

/** Injects the {@link IntegrationCatalog} in use. @internal */
export const InjectIntegrationCatalog = (): PropertyDecorator &
  ParameterDecorator => Inject(PANDIUM_INTEGRATION_CATALOG);

/** Injects the {@link PandiumLaunchTicketStore} in use. @internal */
export const InjectLaunchTicketStore = (): PropertyDecorator &
  ParameterDecorator => Inject(PANDIUM_LAUNCH_TICKET_STORE);

/** Injects the {@link PandiumInstanceSelector} of `PandiumEmbedRouterModule`. @internal */
export const InjectPandiumInstanceSelector = (): PropertyDecorator &
  ParameterDecorator => Inject(PANDIUM_INSTANCE_SELECTOR);
