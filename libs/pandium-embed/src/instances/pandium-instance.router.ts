import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type {
  PandiumEmbedUrl,
  PandiumInstallUrl,
} from '../core/pandium-embed-url.interface.js';
import type { PandiumInstanceSelector } from './pandium-instance-selector.interface.js';
import type { PandiumCatalogEntry } from '../core/pandium-integration-status.interface.js';
import type { PandiumSyncResult } from '../core/pandium-integration-actions.interface.js';
import type { PandiumLinkSource } from '../core/pandium-link-source.interface.js';
import type { PandiumLaunchTarget } from '../launch/pandium-launch-ticket-store.interface.js';
import type { PandiumLaunchTicket } from '../launch/pandium-launch-ticket.interface.js';
import type { PandiumLaunchTicketSource } from '../launch/pandium-launch-ticket-source.interface.js';
import type { PandiumLaunchTicketService } from '../launch/pandium-launch-ticket.service.js';
import {
  getPandiumEmbedServiceToken,
  getPandiumLaunchTicketServiceToken,
  PANDIUM_SELECTOR_TIMEOUT_MS,
} from '../pandium-embed.tokens.js';
import { PANDIUM_INSTANCE_NAME_PATTERN } from '../options/pandium-embed.defaults.js';
import { ROUTED_TICKET_SEPARATOR } from './pandium-instance.constants.js';
import { PandiumStrategyCaller } from '../core/strategy-caller.util.js';
import { InjectPandiumInstanceSelector } from '../pandium-embed.decorators.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { PandiumStrategyError } from '../errors/pandium-strategy.error.js';
import type { PandiumEmbedService } from '../core/pandium-embed.service.js';

/** A named instance as the router uses it. */
interface PandiumInstance<TUser> {
  readonly name: string;
  readonly service: PandiumEmbedService<TUser>;
  readonly tickets: PandiumLaunchTicketService<TUser>;
}

/** The name of the selector in log lines and errors. */
const SELECTOR = 'PandiumInstanceSelector';

/**
 * Serves several named instances (`PandiumEmbedModule.forRoot({ name })`) through one set of routes: each call asks
 * the {@link PandiumInstanceSelector} which instance serves the user, and hands the call to that instance's
 * {@link PandiumEmbedService} (or, for launch tickets, its {@link PandiumLaunchTicketService}), so its secret,
 * account, catalog and strategies are the only ones used. It is the {@link PandiumLinkSource} and the
 * {@link PandiumLaunchTicketSource} of the router module's controllers.
 *
 * A selector that fails, answers something that is not an instance name, or names no registered instance gives a
 * logged 502 with a correlation id ({@link PandiumHttpException} `PANDIUM_STRATEGY_FAILED`); a 4xx `HttpException` it throws on
 * purpose passes through. Launch tickets carry the issuing instance's name (`<name>~<ticket>`), so the ticket route,
 * which has no user, hands the ticket back to the instance that issued it; a name no instance has is a 404.
 *
 * @typeParam TUser the host app's authenticated user.
 * @publicApi
 */
@Injectable()
export class PandiumInstanceRouter<TUser = unknown>
  implements PandiumLinkSource<TUser>, PandiumLaunchTicketSource<TUser>
{
  private readonly logger = new Logger(PandiumInstanceRouter.name);
  /** Instances found so far, by name: the set is fixed once the app has started. */
  private readonly instances = new Map<string, PandiumInstance<TUser>>();
  private readonly strategies: PandiumStrategyCaller;

  constructor(
    @InjectPandiumInstanceSelector()
    private readonly selector: PandiumInstanceSelector<TUser>,
    private readonly moduleRef: ModuleRef,
    @Inject(PANDIUM_SELECTOR_TIMEOUT_MS) selectorTimeoutMs: number,
  ) {
    this.strategies = new PandiumStrategyCaller(this.logger, selectorTimeoutMs);
  }

  /**
   * The service of the instance that serves this user.
   *
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when the selector fails or names no registered instance.
   */
  async serviceFor(user: TUser): Promise<PandiumEmbedService<TUser>> {
    return (await this.instanceFor(user)).service;
  }

  /** {@link PandiumEmbedService.listIntegrations} of the user's instance. */
  async listIntegrations(user: TUser): Promise<PandiumCatalogEntry[]> {
    return (await this.serviceFor(user)).listIntegrations(user);
  }

  /** {@link PandiumEmbedService.createInstallUrl} of the user's instance. */
  async createInstallUrl(
    user: TUser,
    integrationId: string,
  ): Promise<PandiumInstallUrl> {
    return (await this.serviceFor(user)).createInstallUrl(user, integrationId);
  }

  /** {@link PandiumEmbedService.createMarketplaceUrl} of the user's instance. */
  async createMarketplaceUrl(user: TUser): Promise<PandiumEmbedUrl> {
    return (await this.serviceFor(user)).createMarketplaceUrl(user);
  }

  /** {@link PandiumEmbedService.runIntegration} of the user's instance (its API key, its tenants). */
  async runIntegration(
    user: TUser,
    integrationId: string,
  ): Promise<PandiumSyncResult> {
    return (await this.serviceFor(user)).runIntegration(user, integrationId);
  }

  /** {@link PandiumEmbedService.uninstallIntegration} of the user's instance. */
  async uninstallIntegration(
    user: TUser,
    integrationId: string,
  ): Promise<void> {
    return (await this.serviceFor(user)).uninstallIntegration(
      user,
      integrationId,
    );
  }

  /** {@link PandiumEmbedService.refreshStatuses} of the user's instance. */
  async refreshStatuses(user: TUser): Promise<void> {
    return (await this.serviceFor(user)).refreshStatuses(user);
  }

  /** {@link PandiumLaunchTicketService.createLaunchTicket} of the user's instance; the ticket names that instance. */
  async createLaunchTicket(
    user: TUser,
    target: PandiumLaunchTarget,
    binding?: string,
  ): Promise<PandiumLaunchTicket> {
    const { name, tickets } = await this.instanceFor(user);
    const issued = await tickets.createLaunchTicket(user, target, binding);
    return {
      ...issued,
      ticket: `${name}${ROUTED_TICKET_SEPARATOR}${issued.ticket}`,
    };
  }

  /**
   * Hands a ticket from {@link createLaunchTicket} to the instance that issued it, which checks it with its own key.
   *
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_TICKET_NOT_FOUND` (404) for a ticket that names no registered instance.
   * @throws what {@link PandiumLaunchTicketService.redeemLaunchTicket} throws.
   */
  async redeemLaunchTicket(
    ticket: string,
    redeemer?: { browser: boolean; binding?: string },
  ): Promise<PandiumEmbedUrl | PandiumInstallUrl> {
    const at =
      typeof ticket === 'string' ? ticket.indexOf(ROUTED_TICKET_SEPARATOR) : -1;
    const instance = at > 0 ? this.find(ticket.slice(0, at)) : undefined;
    if (instance === undefined) {
      this.logger.debug('Refused a launch ticket that names no instance');
      throw PandiumHttpException.of(PandiumErrorCode.LAUNCH_TICKET_NOT_FOUND);
    }
    return instance.tickets.redeemLaunchTicket(ticket.slice(at + 1), redeemer);
  }

  /** Asks the selector, and finds the instance it names. */
  private async instanceFor(user: TUser): Promise<PandiumInstance<TUser>> {
    const name: unknown = await this.strategies.run(SELECTOR, () =>
      this.selector.selectInstance(user),
    );
    if (typeof name !== 'string' || !PANDIUM_INSTANCE_NAME_PATTERN.test(name)) {
      throw this.strategies.fail(
        PandiumStrategyError.invalidOutput(SELECTOR, [
          {
            path: 'instance name',
            message:
              'must be the name of a PandiumEmbedModule instance: a letter, then up to 23 letters, digits, "-" or "_"',
          },
        ]),
      );
    }
    const instance = this.find(name);
    if (instance === undefined) {
      throw this.strategies.fail(PandiumStrategyError.unknownInstance(name));
    }
    return instance;
  }

  /** The instance registered under `name`, wherever in the app it was imported; `undefined` when there is none. */
  private find(name: string): PandiumInstance<TUser> | undefined {
    if (!PANDIUM_INSTANCE_NAME_PATTERN.test(name)) {
      return undefined;
    }
    const known = this.instances.get(name);
    if (known !== undefined) {
      return known;
    }
    let instance: PandiumInstance<TUser>;
    try {
      instance = {
        name,
        service: this.moduleRef.get<PandiumEmbedService<TUser>>(
          getPandiumEmbedServiceToken(name),
          { strict: false },
        ),
        tickets: this.moduleRef.get<PandiumLaunchTicketService<TUser>>(
          getPandiumLaunchTicketServiceToken(name),
          { strict: false },
        ),
      };
    } catch {
      // Nest's UnknownElementException: no module provides that name.
      return undefined;
    }
    this.instances.set(name, instance);
    return instance;
  }
}
