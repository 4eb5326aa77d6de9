import { Injectable, Logger } from '@nestjs/common';
import type {
  PandiumEmbedUrl,
  PandiumInstallUrl,
} from '../core/pandium-embed-url.interface.js';
import { PandiumEmbedService } from '../core/pandium-embed.service.js';
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

/** What a ticket is bound to, as its store keeps it (sealed, as JSON). */
interface LaunchTicketRecord<TUser> {
  /** The user as JSON: at redemption the strategies get this value (a `Date` comes back as a string). */
  user: TUser;
  target: PandiumLaunchTarget;
}

/**
 * Issues and redeems launch tickets, which defer the signing to the moment an iframe loads: a ticket is kept in the
 * {@link PandiumLaunchTicketStore}, and redeeming it signs through {@link PandiumEmbedService} for the user and
 * target it was issued to, so the catalog and the strategies run again then.
 *
 * @typeParam TUser the host app's authenticated user.
 * @publicApi
 */
@Injectable()
export class PandiumLaunchTicketService<
  TUser = unknown,
> implements PandiumLaunchTicketSource<TUser> {
  private readonly logger = new Logger(PandiumLaunchTicketService.name);

  constructor(
    private readonly pandium: PandiumEmbedService<TUser>,
    private readonly codec: PandiumLaunchTicketCodec,
    private readonly urls: PandiumUrlBuilder,
    @InjectLaunchTicketStore()
    private readonly tickets: PandiumLaunchTicketStore,
  ) {}

  /**
   * Issues a single-use launch ticket bound to this user and target, valid for `launchTicketTtlSeconds`. Nothing is
   * signed for Pandium yet: {@link redeemLaunchTicket} does that when the iframe loads. The user is stored as JSON.
   *
   * @throws {PandiumHttpException} `PANDIUM_INTEGRATION_NOT_FOUND` (404) when an install target's id is not in the user's catalog.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_UNAVAILABLE` (503) when the ticket store fails.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when the catalog fails, or the user cannot be stored as JSON.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when the catalog does not answer in time.
   */
  async createLaunchTicket(
    user: TUser,
    target: PandiumLaunchTarget,
  ): Promise<PandiumLaunchTicket> {
    const bound: PandiumLaunchTarget =
      target.kind === 'install'
        ? { kind: 'install', integrationId: target.integrationId }
        : { kind: 'marketplace' };
    if (bound.kind === 'install') {
      // Checked now as well as at redemption, so a wrong id fails where the app can still show it.
      const integrations = await this.pandium.listIntegrations(user);
      if (!integrations.some(({ id }) => id === bound.integrationId)) {
        throw PandiumHttpException.of(PandiumErrorCode.INTEGRATION_NOT_FOUND);
      }
    }
    const record = this.recordOf(user, bound);
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
      expiresAt: new Date(issued.expiresAt * 1000).toISOString(),
      expiresIn: issued.expiresIn,
      pandiumOrigin: this.urls.origin,
    };
  }

  /**
   * Consumes a launch ticket and signs a fresh URL for the user and target it was issued for: the catalog and the
   * strategies run again now, so a user who lost access in between gets their refusal, not a URL.
   *
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_TICKET_NOT_FOUND` (404) for a ticket this app did not issue (malformed, tampered).
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_TICKET_USED` / `_EXPIRED` (410) for a ticket that expired or was already used.
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_UNAVAILABLE` (503) when the ticket store fails, or gives back a value that is not
   *   the one sealed for this ticket.
   * @throws what {@link PandiumEmbedService.createInstallUrl} and {@link PandiumEmbedService.createMarketplaceUrl}
   *   throw.
   */
  async redeemLaunchTicket(
    ticket: string,
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
    const { target, user } = JSON.parse(record) as LaunchTicketRecord<TUser>;
    this.logger.debug(`Redeemed a launch ticket for ${describeTarget(target)}`);
    return target.kind === 'install'
      ? this.pandium.createInstallUrl(user, target.integrationId)
      : this.pandium.createMarketplaceUrl(user);
  }

  /** The record as the JSON the store keeps: the user is serialised once, and one without a JSON form is refused. */
  private recordOf(user: TUser, target: PandiumLaunchTarget): string {
    let json: string;
    try {
      json = JSON.stringify({
        user,
        target,
      } satisfies LaunchTicketRecord<TUser>);
    } catch (cause) {
      throw this.unstorableUser(
        `JSON.stringify failed (${describeThrown(cause)}). Keep the user your guard sets a plain object, or use ` +
          'the URL routes.',
        cause,
      );
    }
    // JSON.stringify leaves out a property whose value has no JSON form (undefined, a function); `user` is first.
    if (!json.startsWith('{"user":')) {
      throw this.unstorableUser('it has no JSON form.');
    }
    return json;
  }

  /** A 502 for a user no ticket can hold, logged with a correlation id. */
  private unstorableUser(
    reason: string,
    cause?: unknown,
  ): PandiumHttpException {
    return PandiumHttpException.of(
      PandiumErrorCode.STRATEGY_FAILED,
      logCorrelatedError(
        this.logger,
        `The request's user cannot be stored in a launch ticket: ${reason}`,
        cause instanceof Error ? cause.stack : undefined,
      ),
    );
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
