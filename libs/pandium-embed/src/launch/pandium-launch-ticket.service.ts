import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type {
  PandiumEmbedUrl,
  PandiumInstallUrl,
} from '../core/pandium-embed-url.interface.js';
import { PandiumEmbedService } from '../core/pandium-embed.service.js';
import { pandiumTelemetryOn } from '../telemetry/pandium-span.util.js';
import { observeIssue } from '../telemetry/pandium-issue.telemetry.js';
import { expiryOf } from '../core/issued-url.util.js';
import { PandiumUrlBuilder } from '../signing/pandium-url.builder.js';
import { InjectLaunchTicketStore } from '../pandium-embed.decorators.js';
import { logCorrelatedError } from '../errors/correlated-error.util.js';
import { describeThrown } from '../errors/describe-thrown.util.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import type {
  PandiumLaunchTarget,
  PandiumLaunchTicketStore,
} from './pandium-launch-ticket-store.interface.js';
import type { PandiumLaunchTicket } from './pandium-launch-ticket.interface.js';
import type { PandiumLaunchTicketSource } from './pandium-launch-ticket-source.interface.js';
import { PandiumLaunchTicketCodec } from './pandium-launch-ticket.codec.js';
import type { PandiumLaunchUserSerializer } from './pandium-launch-user-serializer.interface.js';
import {
  bindingDigest,
  refusesBrowser,
} from './launch-browser-binding.util.js';
import type { LaunchTicketRecord } from './launch-ticket-user.codec.js';
import { LaunchTicketUserCodec } from './launch-ticket-user.codec.js';
import { PandiumStrategyCaller } from '../core/strategy-caller.util.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import {
  PANDIUM_LAUNCH_USER_SERIALIZER,
  PANDIUM_RESOLVED_OPTIONS,
} from '../pandium-embed.tokens.js';

/**
 * Issues and redeems launch tickets, which defer the signing to the moment an iframe loads: a ticket is kept in the
 * {@link PandiumLaunchTicketStore}, and redeeming it signs through {@link PandiumEmbedService} for the user and
 * target it was issued to, so the catalog and the strategies run again then. A ticket keeps the whole user, or what
 * the `launchUserSerializer` makes of it.
 *
 * @typeParam TUser the host app's authenticated user.
 * @publicApi
 */
@Injectable()
export class PandiumLaunchTicketService<
  TUser = unknown,
> implements PandiumLaunchTicketSource<TUser> {
  private readonly logger = new Logger(PandiumLaunchTicketService.name);
  private readonly users: LaunchTicketUserCodec<TUser>;

  constructor(
    private readonly pandium: PandiumEmbedService<TUser>,
    private readonly codec: PandiumLaunchTicketCodec,
    private readonly urls: PandiumUrlBuilder,
    @InjectLaunchTicketStore()
    private readonly tickets: PandiumLaunchTicketStore,
    @Inject(PANDIUM_RESOLVED_OPTIONS) options: ResolvedPandiumEmbedOptions,
    @Optional()
    @Inject(PANDIUM_LAUNCH_USER_SERIALIZER)
    serializer?: PandiumLaunchUserSerializer<TUser>,
  ) {
    this.users = new LaunchTicketUserCodec(
      this.logger,
      new PandiumStrategyCaller(this.logger, options.strategyTimeoutMs),
      serializer,
    );
  }

  /**
   * Issues a single-use launch ticket bound to this user and target, valid for `launchTicketTtlSeconds`. Nothing is
   * signed for Pandium yet: {@link redeemLaunchTicket} does that when the iframe loads. The user is stored as JSON,
   * or what `launchUserSerializer.serializeUser` returns.
   *
   * @param binding the browser-binding cookie of the browser that asks: a browser must show it to redeem the ticket.
   * @throws {PandiumHttpException} `PANDIUM_INTEGRATION_NOT_FOUND` (404) when an install target's id is not in the user's catalog.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_UNAVAILABLE` (503) when the ticket store fails.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when the catalog or `serializeUser` fails, or the user
   *   cannot be stored as JSON.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when the catalog or `serializeUser` does not answer in time.
   */
  createLaunchTicket(
    user: TUser,
    target: PandiumLaunchTarget,
    binding?: string,
  ): Promise<PandiumLaunchTicket> {
    return pandiumTelemetryOn()
      ? observeIssue(
          'launch_ticket',
          target.kind === 'install' ? target.integrationId : undefined,
          () => this.issueTicket(user, target, binding),
        )
      : this.issueTicket(user, target, binding);
  }

  private async issueTicket(
    user: TUser,
    target: PandiumLaunchTarget,
    binding?: string,
  ): Promise<PandiumLaunchTicket> {
    const bound: PandiumLaunchTarget =
      target.kind === 'install'
        ? { kind: 'install', integrationId: target.integrationId }
        : { kind: 'marketplace' };
    if (bound.kind === 'install') {
      // Checked now as well as at redemption, so a wrong id fails where the app can still show it.
      await this.pandium.getIntegration(user, bound.integrationId);
    }
    const record = await this.users.recordOf(
      user,
      bound,
      binding === undefined ? undefined : bindingDigest(binding),
    );
    const issued = this.codec.issue();
    // Sealed, so that whoever can write to a shared store cannot put another user or target on a ticket they hold.
    const sealed = this.codec.seal(issued.id, record);
    await this.useTicketStore('save', () =>
      this.tickets.save(issued.id, sealed, issued.expiresIn * 1000),
    );
    this.logger.debug(
      `Issued a launch ticket for ${describeTarget(bound)} (expires in ${issued.expiresIn} s)`,
    );
    return {
      ticket: issued.ticket,
      ...expiryOf(issued),
      pandiumOrigin: this.urls.origin,
    };
  }

  /**
   * Consumes a launch ticket and signs a fresh URL for the user and target it was issued for: the catalog and the
   * strategies run now, so a user who lost access since the ticket was issued gets their refusal.
   *
   * @param redeemer whether a browser redeems the ticket, and the binding cookie it showed. A ticket bound to a
   *   browser is refused to any other browser; without `redeemer`, no binding is checked.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_TICKET_NOT_FOUND` (404) for a ticket this app did not issue (malformed, tampered).
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_TICKET_USED` / `_EXPIRED` (410) for a ticket that expired or was already used.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_WRONG_BROWSER` (403) for a ticket bound to another browser.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_USER_NOT_FOUND` (404) when `deserializeUser` finds no user.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_UNAVAILABLE` (503) when the ticket store fails, or gives back a value that is not
   *   the one sealed for this ticket.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` / `PANDIUM_STRATEGY_TIMEOUT` (502/504) when `deserializeUser` fails.
   * @throws what {@link PandiumEmbedService.createInstallUrl} and {@link PandiumEmbedService.createMarketplaceUrl}
   *   throw.
   */
  redeemLaunchTicket(
    ticket: string,
    redeemer?: { browser: boolean; binding?: string },
  ): Promise<PandiumEmbedUrl | PandiumInstallUrl> {
    return pandiumTelemetryOn()
      ? observeIssue('launch_redeem', undefined, () =>
          this.redeemTicket(ticket, redeemer),
        )
      : this.redeemTicket(ticket, redeemer);
  }

  private async redeemTicket(
    ticket: string,
    redeemer?: { browser: boolean; binding?: string },
  ): Promise<PandiumEmbedUrl | PandiumInstallUrl> {
    const check = this.codec.check(ticket);
    if (check.status === 'invalid') {
      this.logger.debug('Refused a launch ticket this app did not issue');
      throw PandiumHttpException.of(PandiumErrorCode.LAUNCH_TICKET_NOT_FOUND);
    }
    if (check.status === 'expired') {
      this.logger.debug('Refused an expired launch ticket');
      throw PandiumHttpException.of(PandiumErrorCode.LAUNCH_TICKET_EXPIRED);
    }
    const sealed = await this.useTicketStore('take', () =>
      this.tickets.take(check.id),
    );
    if (sealed === undefined) {
      this.logger.debug(
        'Refused a launch ticket that is not in the store: used already, or issued by an instance that does not ' +
          'share this store',
      );
      throw PandiumHttpException.of(PandiumErrorCode.LAUNCH_TICKET_USED);
    }
    const record = this.codec.open(check.id, sealed);
    if (record === undefined) {
      throw this.ticketStoreFailed(
        'take',
        new Error(
          'the store returned a record whose MAC does not match: it was changed in the store, or moved there from ' +
            'another ticket',
        ),
      );
    }
    const parsed = JSON.parse(record) as LaunchTicketRecord<TUser>;
    const { target } = parsed;
    if (refusesBrowser(parsed.browser, redeemer)) {
      this.logger.warn(
        `Refused a launch ticket for ${describeTarget(target)} loaded by a browser without the cookie of the one ` +
          'that asked for it: a planted link, or a front end on another origin without credentials (see the README)',
      );
      throw PandiumHttpException.of(PandiumErrorCode.LAUNCH_WRONG_BROWSER);
    }
    const user = await this.users.userOf(parsed);
    this.logger.debug(`Redeemed a launch ticket for ${describeTarget(target)}`);
    return target.kind === 'install'
      ? this.pandium.createInstallUrl(user, target.integrationId)
      : this.pandium.createMarketplaceUrl(user);
  }

  /** Calls the ticket store; a failure is logged with a correlation id and answers 503. */
  private async useTicketStore<T>(
    operation: 'save' | 'take',
    call: () => Promise<T>,
  ): Promise<T> {
    try {
      return await call();
    } catch (cause) {
      throw this.ticketStoreFailed(operation, cause);
    }
  }

  private ticketStoreFailed(
    operation: 'save' | 'take',
    cause: unknown,
  ): PandiumHttpException {
    return PandiumHttpException.of(
      PandiumErrorCode.LAUNCH_UNAVAILABLE,
      logCorrelatedError(
        this.logger,
        `The launch ticket store failed to ${operation} a ticket (${describeThrown(cause)})`,
      ),
    );
  }
}

/** What a ticket is for, for a log line. */
function describeTarget(target: PandiumLaunchTarget): string {
  return target.kind === 'install'
    ? `an install of integration ${target.integrationId}`
    : 'the marketplace';
}
