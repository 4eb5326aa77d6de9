import type { CanActivate, Type } from '@nestjs/common';
import { Controller, UseGuards } from '@nestjs/common';
import { PandiumAuthenticatedGuard } from '../http/pandium-authenticated.guard.js';
import type { ResolvedControllerOptions } from '../http/pandium-embed-controller-options.interface.js';
import { PandiumEmbedController } from '../http/pandium-embed.controller.js';
import { PandiumLaunchController } from '../launch/pandium-launch.controller.js';
import { PandiumLaunchTicketController } from '../launch/pandium-launch-ticket.controller.js';
import { PandiumNoInputGuard } from '../http/pandium-no-input.guard.js';
import { PandiumSameSiteGuard } from '../http/pandium-same-site.guard.js';

// The controllers a module registers: subclasses of the public controllers with the configured prefix, guards and
// user property, built when the module is defined.

/** The guards every route for signed-in users runs, in order: a cross-site state change is refused before any. */
function userRouteGuards(
  settings: ResolvedControllerOptions,
): (CanActivate | Type<CanActivate>)[] {
  return [
    new PandiumSameSiteGuard(),
    ...settings.guards,
    new PandiumAuthenticatedGuard(settings.userProperty, settings.guards),
    new PandiumNoInputGuard(),
  ];
}

/** Puts a configured subclass under the prefix, behind `guards`, with the public class's name in Nest's route logs. */
function register<T>(
  configured: Type<T>,
  publicClass: Type<unknown>,
  path: string,
  guards: (CanActivate | Type<CanActivate>)[],
): Type<T> {
  Controller(path)(configured);
  if (guards.length > 0) {
    UseGuards(...guards)(configured);
  }
  Object.defineProperty(configured, 'name', { value: publicClass.name });
  return configured;
}

/**
 * The controller with the configured prefix and guards: the host app's guards first, then the check that a
 * user is present (401), then the refusal of any query string or body (400). The routes that sign add the
 * rate limit (429) themselves.
 *
 * @internal
 */
export function createPandiumEmbedController(
  settings: ResolvedControllerOptions,
): Type<PandiumEmbedController> {
  class ConfiguredPandiumEmbedController extends PandiumEmbedController {
    protected override readonly userProperty = settings.userProperty;
  }
  return register(
    ConfiguredPandiumEmbedController,
    PandiumEmbedController,
    settings.path,
    userRouteGuards(settings),
  );
}

/**
 * The launch controllers, unless `controller.launch` is `false`: the routes for signed-in users behind the same
 * guards as {@link createPandiumEmbedController}'s, and the ticket redemption behind none (the ticket is the
 * credential; it limits itself per IP).
 *
 * @internal
 */
export function createPandiumLaunchControllers(
  settings: ResolvedControllerOptions,
): Type<unknown>[] {
  if (settings.launch === undefined) {
    return [];
  }
  class ConfiguredPandiumLaunchController extends PandiumLaunchController {
    protected override readonly userProperty = settings.userProperty;
    protected override readonly routePath = settings.path;
    protected override readonly bindsToBrowser =
      settings.launch?.bindToBrowser ?? true;
  }
  return registerLaunchControllers(ConfiguredPandiumLaunchController, settings);
}

/** The launch controller under the prefix behind the user guards, and the ticket redemption behind none. */
function registerLaunchControllers(
  configured: Type<PandiumLaunchController>,
  settings: ResolvedControllerOptions,
): Type<unknown>[] {
  class ConfiguredPandiumLaunchTicketController extends PandiumLaunchTicketController {}
  return [
    register(
      configured,
      PandiumLaunchController,
      settings.path,
      userRouteGuards(settings),
    ),
    register(
      ConfiguredPandiumLaunchTicketController,
      PandiumLaunchTicketController,
      settings.path,
      [],
    ),
  ];
}
