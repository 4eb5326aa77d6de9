import type { ValidationArguments } from 'class-validator';
import { IsIn, ValidateBy, ValidateIf } from 'class-validator';
import type { PandiumLaunchTarget } from './pandium-launch-ticket-store.interface.js';
import { INTEGRATION_ID_PATTERN } from '../signing/pandium-jwt.constants.js';
import { INTEGRATION_ID_RULE } from '../core/pandium-integration.dto.js';

/** @internal */
export const LAUNCH_TICKET_KINDS = ['install', 'marketplace'] as const;

const kindOf = (args: ValidationArguments | undefined): unknown =>
  (args?.object as { kind?: unknown } | undefined)?.kind;

/**
 * Body of `POST <prefix>/launch-tickets`: `{ kind: 'install', integrationId }` or `{ kind: 'marketplace' }`.
 * Any other field is refused (400).
 *
 * @internal
 */
export class LaunchTicketRequestDto {
  /** What the ticket opens. */
  @IsIn(LAUNCH_TICKET_KINDS, {
    message: `kind must be one of ${LAUNCH_TICKET_KINDS.join(', ')}`,
  })
  kind!: PandiumLaunchTarget['kind'];

  /** Pandium's integration id, as listed by `GET <prefix>/integrations`: required for `install`, refused for `marketplace`. */
  @ValidateIf(
    (body: LaunchTicketRequestDto) =>
      body.kind === 'install' || body.integrationId !== undefined,
  )
  @ValidateBy({
    name: 'isLaunchIntegrationId',
    validator: {
      validate: (value: unknown, args) =>
        kindOf(args) !== 'marketplace' &&
        typeof value === 'string' &&
        INTEGRATION_ID_PATTERN.test(value),
      defaultMessage: (args) =>
        kindOf(args) === 'marketplace'
          ? 'integrationId must not be given for kind marketplace'
          : `integrationId ${INTEGRATION_ID_RULE}`,
    },
  })
  integrationId?: string;
}
