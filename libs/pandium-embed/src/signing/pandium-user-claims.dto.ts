import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import type {
  PandiumTenantInfo,
  PandiumUserClaims,
  PandiumXtiExtras,
} from '../core/pandium-claims.interface.js';
import { CLAIM_LIMITS } from './pandium-jwt.constants.js';

/** The `xti` keys the library sets itself. @internal */
export const RESERVED_XTI_KEYS = [
  'connector_name',
  'integration_name',
  'token',
] as const;

const XTI_KEY_PATTERN = /^[A-Za-z0-9_]{1,64}$/;

function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > 8) {
    return false;
  }
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean'
  ) {
    return true;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value);
  }
  if (Array.isArray(value)) {
    return value.every((item) => isJsonValue(item, depth + 1));
  }
  return (
    isPlainObject(value) &&
    Object.values(value).every((item) => isJsonValue(item, depth + 1))
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/** Why `xti` extras are refused, or undefined when they are fine. */
function xtiProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) {
    return 'must be a plain object of extra entries';
  }
  const keys = Object.keys(value);
  const reserved = keys.filter((key) =>
    (RESERVED_XTI_KEYS as readonly string[]).includes(key),
  );
  if (reserved.length > 0) {
    return `must not set ${reserved.join(', ')}: the library signs those from the catalog and the TokenProvider`;
  }
  const badKey = keys.find((key) => !XTI_KEY_PATTERN.test(key));
  if (badKey !== undefined) {
    return 'keys must be 1–64 letters, digits or "_"';
  }
  if (!isJsonValue(value)) {
    return 'values must be JSON (strings, finite numbers, booleans, null, arrays, plain objects; at most 8 levels deep)';
  }
  if (Buffer.byteLength(JSON.stringify(value)) > CLAIM_LIMITS.extrasJsonBytes) {
    return `must be at most ${CLAIM_LIMITS.extrasJsonBytes} bytes as JSON`;
  }
  return undefined;
}

class PandiumTenantInfoDto implements PandiumTenantInfo {
  @IsString()
  @Length(1, CLAIM_LIMITS.shortString)
  udn!: string;

  @IsString()
  @Length(1, CLAIM_LIMITS.shortString)
  ufn!: string;

  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(CLAIM_LIMITS.email)
  uem!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CLAIM_LIMITS.listItems)
  @IsString({ each: true })
  @Length(1, CLAIM_LIMITS.shortString, { each: true })
  ili?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(CLAIM_LIMITS.shortString)
  aid?: string;

  @IsOptional()
  @IsString()
  @MaxLength(CLAIM_LIMITS.shortString)
  adn?: string;

  @IsOptional()
  @ValidateBy({
    name: 'isXtiExtras',
    validator: {
      validate: (value: unknown) => xtiProblem(value) === undefined,
      defaultMessage: (args) => xtiProblem(args?.value) ?? 'is invalid',
    },
  })
  xti?: PandiumXtiExtras;
}

/**
 * What a `ClaimsProvider` must return.
 *
 * @internal
 */
export class PandiumUserClaimsDto implements PandiumUserClaims {
  @IsString()
  @Length(1, CLAIM_LIMITS.shortString)
  sub!: string;

  @IsObject({ message: 'must be an object of tenant information' })
  @ValidateNested()
  @Type(() => PandiumTenantInfoDto)
  ti!: PandiumTenantInfoDto;
}

/**
 * What a `TokenProvider` must return, wrapped so it can be validated like the rest.
 *
 * @internal
 */
export class ConnectorTokenDto {
  @IsString({ message: 'must be a string' })
  @Length(1, CLAIM_LIMITS.token, {
    message: `must be 1–${CLAIM_LIMITS.token} characters`,
  })
  @Matches(/^[\x21-\x7e]+$/, {
    message: 'must be printable ASCII without spaces or control characters',
  })
  token!: string;
}
