import type { Provider } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import {
  getPandiumEmbedServiceToken,
  getPandiumJwtSignerToken,
  getPandiumLaunchTicketServiceToken,
  getPandiumUrlBuilderToken,
  PANDIUM_CLAIMS_PROVIDER,
  PANDIUM_CLOCK,
  PANDIUM_INSTANCE_ID,
  PANDIUM_INSTANCE_NAME,
  PANDIUM_INTEGRATION_CATALOG,
  PANDIUM_LAUNCH_TICKET_STORE,
  PANDIUM_RATE_LIMIT_STORE,
  PANDIUM_TOKEN_PROVIDER,
} from '../pandium-embed.tokens.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import { PandiumEmbedService } from '../core/pandium-embed.service.js';
import { PandiumJwtSigner } from '../signing/pandium-jwt.signer.js';
import { PandiumLaunchTicketService } from '../launch/pandium-launch-ticket.service.js';
import { PandiumUrlBuilder } from '../signing/pandium-url.builder.js';

// What a module exports, unnamed or named, and the providers that make a named instance.

/**
 * What the unnamed instance exports: the classes and the public tokens, as before named instances existed.
 *
 * @internal
 */
export const PANDIUM_EMBED_EXPORTS = [
  PandiumEmbedService,
  PandiumLaunchTicketService,
  PandiumJwtSigner,
  PandiumUrlBuilder,
  PANDIUM_CLAIMS_PROVIDER,
  PANDIUM_TOKEN_PROVIDER,
  PANDIUM_INTEGRATION_CATALOG,
  PANDIUM_CLOCK,
  PANDIUM_RATE_LIMIT_STORE,
  PANDIUM_LAUNCH_TICKET_STORE,
];

/** How many modules of the app provide `token`: read from the scanned modules, before anything is instantiated. */
function modulesProviding(modules: ModulesContainer, token: string): number {
  return [...modules.values()].filter(({ providers }) => providers.has(token))
    .length;
}

/**
 * A named instance's own providers: its name-derived aliases of the services, signer and URL builder, a per-call id
 * and a check, at boot, that no other module uses the same name. The id is for Nest's opt-in `deep-hash` module ids,
 * which merge dynamic modules whose metadata serialises alike: the hidden `sharedSecret` is not serialised, so two
 * registrations of one name that differ only in their secret would silently become one instead of failing the check.
 * (Nest's default, `reference`, already makes every `forRoot()` call its own module.)
 *
 * @internal
 */
export function createInstanceProviders(name: string): Provider[] {
  const serviceToken = getPandiumEmbedServiceToken(name);
  return [
    { provide: PANDIUM_INSTANCE_ID, useValue: randomUUID() },
    {
      provide: PANDIUM_INSTANCE_NAME,
      useFactory: (modules: ModulesContainer): string => {
        if (modulesProviding(modules, serviceToken) > 1) {
          throw PandiumOptionsError.duplicateInstanceName(name);
        }
        return name;
      },
      inject: [ModulesContainer],
    },
    { provide: serviceToken, useExisting: PandiumEmbedService },
    {
      provide: getPandiumLaunchTicketServiceToken(name),
      useExisting: PandiumLaunchTicketService,
    },
    { provide: getPandiumJwtSignerToken(name), useExisting: PandiumJwtSigner },
    {
      provide: getPandiumUrlBuilderToken(name),
      useExisting: PandiumUrlBuilder,
    },
  ];
}

/** What a named instance exports: only name-derived tokens, so instances imported side by side never collide. @internal */
export function instanceExports(name: string): string[] {
  return [
    getPandiumEmbedServiceToken(name),
    getPandiumLaunchTicketServiceToken(name),
    getPandiumJwtSignerToken(name),
    getPandiumUrlBuilderToken(name),
  ];
}
