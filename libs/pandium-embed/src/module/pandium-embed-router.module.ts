import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { PandiumEmbedRouterOptions } from '../instances/pandium-embed-router-options.interface.js';
import { buildRouterModuleDefinition } from './pandium-embed.providers.js';

/**
 * One set of routes for several Pandium accounts: the JSON routes and the launch routes of `PandiumEmbedModule`,
 * each request served by the named instance (`PandiumEmbedModule.forRoot({ name })`) that the
 * {@link PandiumInstanceSelector} picks for its user. Exports {@link PandiumInstanceRouter}.
 *
 * @example
 * imports: [
 *   PandiumEmbedModule.forRoot({ name: 'eu', account: 'acme-eu', sharedSecret: euSecret, ...strategies }),
 *   PandiumEmbedModule.forRoot({ name: 'us', account: 'acme-us', sharedSecret: usSecret, ...strategies }),
 *   PandiumEmbedRouterModule.forRoot({
 *     selector: { useValue: { selectInstance: (user: User) => user.region } },
 *     controller: { guards: [JwtAuthGuard] },
 *   }),
 * ]
 * @publicApi
 */
@Module({})
export class PandiumEmbedRouterModule {
  /**
   * @throws {PandiumOptionsError} when `selector` is missing or an option is malformed.
   */
  static forRoot<TUser = unknown>(
    options: PandiumEmbedRouterOptions<TUser>,
  ): DynamicModule {
    return buildRouterModuleDefinition(PandiumEmbedRouterModule, options);
  }
}
