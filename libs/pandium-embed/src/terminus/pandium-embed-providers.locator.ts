import type { ModuleRef } from '@nestjs/core';
import { ModulesContainer } from '@nestjs/core';
import { PandiumEmbedError } from '../errors/pandium-embed.error.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import {
  getPandiumEmbedServiceToken,
  PANDIUM_INSTANCE_NAME,
  PANDIUM_RESOLVED_OPTIONS,
} from '../pandium-embed.tokens.js';

/** A module of the app, as Nest's container holds it. */
type NestModule = ModulesContainer extends Map<string, infer M> ? M : never;

/** Reads one provider of a `PandiumEmbedModule` by its token. @internal */
export type PandiumEmbedProviders = <T>(token: string) => T;

/**
 * The providers of one `PandiumEmbedModule`, wherever the app registered it. With `instance`, the module registered
 * under that name: the one whose own providers hold that name's service token (a named module exports nothing
 * else, so its options and stores are read from the module itself). Without, the unnamed module; with named
 * modules only, the one Nest resolves a token to across modules (the last registered).
 *
 * @throws {PandiumEmbedError} `PANDIUM_INSTANCE_UNKNOWN` when no module is registered under `instance`.
 * @internal
 */
export function locatePandiumEmbedProviders(
  moduleRef: ModuleRef,
  instance: string | undefined,
): PandiumEmbedProviders {
  const modules = [
    ...moduleRef.get(ModulesContainer, { strict: false }).values(),
  ];
  if (instance === undefined) {
    const unnamed = modules.find(
      ({ providers }) =>
        providers.has(PANDIUM_RESOLVED_OPTIONS) &&
        !providers.has(PANDIUM_INSTANCE_NAME),
    );
    return unnamed === undefined
      ? <T>(token: string) => moduleRef.get<T>(token, { strict: false })
      : providersOf(unnamed);
  }
  const serviceToken = getPandiumEmbedServiceToken(instance);
  const named = modules.find(({ providers }) => providers.has(serviceToken));
  if (named === undefined) {
    throw new PandiumEmbedError(
      PandiumErrorCode.INSTANCE_UNKNOWN,
      `PandiumHealthIndicator: no PandiumEmbedModule is registered with the name "${instance}". ` +
        'Register it with forRoot({ name }) or forRootAsync({ name }), or check the instance option of the health check.',
    );
  }
  return providersOf(named);
}

/** The module's own providers, as instantiated. */
function providersOf(module: NestModule): PandiumEmbedProviders {
  return <T>(token: string) => module.getProviderByKey<T>(token).instance;
}
