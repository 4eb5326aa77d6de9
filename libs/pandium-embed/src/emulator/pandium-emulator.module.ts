import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { EmulatorRunScheduler } from './emulator-run.scheduler.js';
import { EmulatorTenantStore } from './emulator-tenant.store.js';
import { EmulatorWebhookSender } from './emulator-webhook.sender.js';
import { PandiumEmulatorAdminController } from './pandium-emulator-admin.controller.js';
import { PandiumEmulatorSaveController } from './pandium-emulator-save.controller.js';
import { PandiumEmulatorTenantsController } from './pandium-emulator-tenants.controller.js';
import { PandiumEmulatorApiKeyGuard } from './pandium-emulator-api-key.guard.js';
import { PandiumEmulatorApiController } from './pandium-emulator-api.controller.js';
import { PANDIUM_EMULATOR_OPTIONS } from './pandium-emulator.constants.js';
import { PandiumEmulatorController } from './pandium-emulator.controller.js';
import { resolvePandiumEmulatorOptions } from './pandium-emulator.options.js';
import { PandiumEmulatorVerifier } from './pandium-emulator.verifier.js';
import type { PandiumEmulatorAppSettings } from './pandium-emulator-options.interface.js';

/**
 * The Pandium embed emulator: a development and test stand-in for Pandium's embedded pages and the part of its REST
 * API the library reads. Run it as an application of its own (see `createPandiumEmulatorApp`), so it has an origin
 * of its own, as Pandium does. It never runs with `NODE_ENV=production`.
 *
 * @internal
 */
@Module({})
export class PandiumEmulatorModule {
  /** @throws {PandiumEmulatorError} when `NODE_ENV=production`, or naming every bad option. */
  static forRoot(options: PandiumEmulatorAppSettings): DynamicModule {
    return {
      module: PandiumEmulatorModule,
      // The save and admin routes before the page routes, whose `:account` would match `__emulator`.
      controllers: [
        PandiumEmulatorSaveController,
        PandiumEmulatorAdminController,
        PandiumEmulatorApiController,
        PandiumEmulatorTenantsController,
        PandiumEmulatorController,
      ],
      providers: [
        {
          provide: PANDIUM_EMULATOR_OPTIONS,
          useValue: resolvePandiumEmulatorOptions(options),
        },
        PandiumEmulatorVerifier,
        PandiumEmulatorApiKeyGuard,
        EmulatorTenantStore,
        EmulatorWebhookSender,
        EmulatorRunScheduler,
      ],
    };
  }
}
