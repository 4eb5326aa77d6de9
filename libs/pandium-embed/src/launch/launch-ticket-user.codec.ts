import type { Logger } from '@nestjs/common';
import type { PandiumStrategyCaller } from '../core/strategy-caller.util.js';
import { logCorrelatedError } from '../errors/correlated-error.util.js';
import { describeThrown } from '../errors/describe-thrown.util.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { PandiumStrategyError } from '../errors/pandium-strategy.error.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import type { PandiumLaunchTarget } from './pandium-launch-ticket-store.interface.js';
import type { PandiumLaunchUserSerializer } from './pandium-launch-user-serializer.interface.js';

/**
 * What a ticket is bound to, as its store keeps it (sealed, as JSON).
 *
 * @internal
 */
export interface LaunchTicketRecord<TUser> {
  /** The whole user as JSON, without a `launchUserSerializer` (a `Date` comes back as a string). */
  user?: TUser;
  /** What `launchUserSerializer.serializeUser` returned, with one. */
  ref?: unknown;
  target: PandiumLaunchTarget;
  /** The digest of the binding cookie of the browser that asked for the ticket, when it is bound to one. */
  browser?: string;
}

/** The names of the serializer's methods in log lines and errors. */
const SERIALIZE = 'PandiumLaunchUserSerializer.serializeUser';
const DESERIALIZE = 'PandiumLaunchUserSerializer.deserializeUser';

/**
 * Writes a launch ticket's record with its user in it, and gets the user back at redemption: the whole user as JSON
 * by default, or through the host app's {@link PandiumLaunchUserSerializer} (an id stored, the user loaded again).
 * The serializer's calls are strategy calls: time-limited, and a failure is a logged 502 (504 past the limit).
 *
 * @throws {PandiumOptionsError} at boot, for a serializer without both methods.
 * @internal
 */
export class LaunchTicketUserCodec<TUser> {
  constructor(
    private readonly logger: Logger,
    private readonly strategies: PandiumStrategyCaller,
    private readonly serializer: PandiumLaunchUserSerializer<TUser> | undefined,
  ) {
    // Checked at boot: the strategy rule saw only how it was given, not what Nest made of it.
    const methods = serializer as Partial<Record<string, unknown>> | undefined;
    if (
      methods !== undefined &&
      (typeof methods.serializeUser !== 'function' ||
        typeof methods.deserializeUser !== 'function')
    ) {
      throw PandiumOptionsError.invalid('PandiumEmbedModule options', [
        {
          path: 'launchUserSerializer',
          message:
            'must have serializeUser(user) and deserializeUser(stored) methods',
        },
      ]);
    }
  }

  /**
   * The record as the JSON the store keeps: the user (or what `serializeUser` makes of it) is serialised once, and
   * one without a JSON form is refused.
   *
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when the user cannot be stored or `serializeUser` fails.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when `serializeUser` does not answer in time.
   */
  async recordOf(
    user: TUser,
    target: PandiumLaunchTarget,
    browser: string | undefined,
  ): Promise<string> {
    const serializer = this.serializer;
    const [key, value]: ['user' | 'ref', unknown] =
      serializer === undefined
        ? ['user', user]
        : [
            'ref',
            await this.strategies.run(SERIALIZE, () =>
              serializer.serializeUser(user),
            ),
          ];
    let json: string;
    try {
      json = JSON.stringify({
        [key]: value,
        target,
        ...(browser === undefined ? {} : { browser }),
      } satisfies LaunchTicketRecord<TUser>);
    } catch (cause) {
      throw this.unstorableUser(
        `JSON.stringify failed (${describeThrown(cause)}). Keep the user your guard sets (or what serializeUser ` +
          'returns) a plain value, or use the URL routes.',
        cause,
      );
    }
    // JSON.stringify leaves out a property whose value has no JSON form (undefined, a function); it is first.
    if (!json.startsWith(`{"${key}":`)) {
      throw this.unstorableUser(
        serializer === undefined
          ? 'it has no JSON form.'
          : `${SERIALIZE} returned a value with no JSON form (undefined, a function).`,
      );
    }
    return json;
  }

  /**
   * The ticket's user: as stored, or loaded by `deserializeUser` from what `serializeUser` returned.
   *
   * @throws {PandiumHttpException} `PANDIUM_LAUNCH_USER_NOT_FOUND` (404) when `deserializeUser` finds no user.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_FAILED` (502) when it fails, or no serializer can load the user.
   * @throws {PandiumHttpException} `PANDIUM_STRATEGY_TIMEOUT` (504) when it does not answer in time.
   */
  async userOf({ user, ref }: LaunchTicketRecord<TUser>): Promise<TUser> {
    const serializer = this.serializer;
    if (ref === undefined) {
      return user as TUser;
    }
    if (serializer === undefined) {
      // Issued by an instance with a serializer, redeemed by one without: nothing here can load the user.
      throw this.strategies.fail(
        PandiumStrategyError.failed(
          DESERIALIZE,
          new Error('no launchUserSerializer is configured on this instance'),
        ),
      );
    }
    const loaded = await this.strategies.run(DESERIALIZE, () =>
      serializer.deserializeUser(ref),
    );
    if (loaded === undefined || loaded === null) {
      this.logger.debug(
        'Refused a launch ticket whose user deserializeUser did not find',
      );
      throw PandiumHttpException.of(PandiumErrorCode.LAUNCH_USER_NOT_FOUND);
    }
    return loaded;
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
}
