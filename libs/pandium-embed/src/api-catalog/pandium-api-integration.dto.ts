import {
  IsArray,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { CLAIM_LIMITS } from '../signing/pandium-jwt.constants.js';

/** Pandium's integration ids are whole numbers; 20 digits hold any 64-bit one. */
const NUMERIC_ID = /^[0-9]{1,20}$/;

/** A whole number, or a string of digits. @internal */
export function isPandiumApiId(value: unknown): value is number | string {
  return (
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
    (typeof value === 'string' && NUMERIC_ID.test(value))
  );
}

/** A connector as the API lists it: its name, or an object with a `name`. @internal */
export function connectorNameOf(connector: unknown): string | undefined {
  const name =
    typeof connector === 'object' && connector !== null
      ? (connector as { name?: unknown }).name
      : connector;
  return typeof name === 'string' &&
    name.length > 0 &&
    name.length <= CLAIM_LIMITS.shortString
    ? name
    : undefined;
}

/**
 * The fields {@link PandiumApiIntegrationCatalog} reads from one item of Pandium's `GET /v2/integrations`.
 * Other fields are allowed (and ignored here; the `connectorName` function still sees them).
 *
 * @internal
 */
export class PandiumApiIntegrationDto {
  @ValidateBy({
    name: 'isPandiumApiId',
    validator: {
      validate: isPandiumApiId,
      defaultMessage: () => 'must be a whole number or a string of digits',
    },
  })
  id!: number | string;

  @IsString()
  @Length(1, CLAIM_LIMITS.shortString)
  name!: string;

  // `null` or empty: no display name.
  @IsOptional()
  @IsString()
  @MaxLength(CLAIM_LIMITS.shortString)
  long_name?: string | null;

  @IsOptional()
  @IsArray({ message: 'must be a list of connectors' })
  @ValidateBy({
    name: 'isPandiumApiConnectorList',
    validator: {
      validate: (value: unknown) =>
        Array.isArray(value) &&
        value.every((connector) => connectorNameOf(connector) !== undefined),
      defaultMessage: () =>
        `must hold connector names, or objects with a name, of 1–${CLAIM_LIMITS.shortString} characters`,
    },
  })
  connectors?: (string | { name: string })[] | null;
}
