import type { PandiumEmbedTarget } from './pandium-integration.interface.js';
import type {
  PandiumStrategyCaller,
  PandiumStrategyDeadline,
} from './strategy-caller.util.js';
import type { PandiumStrategyOutputs } from './pandium-strategy.outputs.js';
import type {
  PandiumJwtSigner,
  PandiumSignedToken,
  PandiumXtiBase,
} from '../signing/pandium-jwt.signer.js';
import { PandiumTokenTooLargeError } from '../errors/pandium-token-too-large.error.js';
import { pandiumTelemetryOn } from '../telemetry/pandium-span.util.js';
import { observeSigning } from '../telemetry/pandium-issue.telemetry.js';

/** What {@link signTarget} signs with. @internal */
export interface PandiumTargetSigning<TUser> {
  readonly outputs: PandiumStrategyOutputs<TUser>;
  readonly strategies: PandiumStrategyCaller;
  readonly signer: PandiumJwtSigner;
}

/**
 * Signs the user's token for a target: the claims and connector token from the strategies, then the JWT (in a
 * `pandium.sign` span when telemetry is on). A token over `maxTokenBytes` is the strategies' logged 502.
 *
 * @internal
 */
export async function signTarget<TUser>(
  { outputs, strategies, signer }: PandiumTargetSigning<TUser>,
  user: TUser,
  target: PandiumEmbedTarget,
  deadline: PandiumStrategyDeadline,
): Promise<PandiumSignedToken> {
  const { claims, token } = await outputs.signingInputs(user, target, deadline);
  const xti: PandiumXtiBase =
    target.kind === 'install'
      ? {
          connector_name: target.integration.connectorName,
          integration_name: target.integration.name,
          token,
        }
      : { token };
  try {
    return pandiumTelemetryOn()
      ? await observeSigning(() => signer.sign(claims, xti))
      : signer.sign(claims, xti);
  } catch (error) {
    throw error instanceof PandiumTokenTooLargeError
      ? strategies.fail(error)
      : error;
  }
}
