import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { PandiumIntegration } from './pandium-integration.interface.js';
import {
  CLAIM_LIMITS,
  INTEGRATION_ID_PATTERN,
} from '../signing/pandium-jwt.constants.js';

/** @internal */
export const INTEGRATION_ID_RULE =
  'must be 1–128 letters, digits, "-", "_" or "." (and not only dots)';

/** A catalog entry's name: a string of 1 to 256 characters. */
function IsCatalogName(): PropertyDecorator {
  return applyDecorators(IsString(), Length(1, CLAIM_LIMITS.shortString));
}

/**
 * One catalog entry, as the `integrations` option and every `IntegrationCatalog` must give it.
 *
 * @internal
 */
export class PandiumIntegrationDto implements PandiumIntegration {
  @Matches(INTEGRATION_ID_PATTERN, { message: INTEGRATION_ID_RULE })
  id!: string;

  @IsCatalogName()
  name!: string;

  @IsCatalogName()
  connectorName!: string;

  @IsOptional()
  @IsCatalogName()
  displayName?: string;
}

/**
 * A list of catalog entries with unique ids: the `integrations` option, and every catalog's output.
 *
 * @internal
 */
export function IsPandiumCatalog(): PropertyDecorator {
  return applyDecorators(
    IsArray({ message: 'must be a list of integrations' }),
    ValidateNested({ each: true }),
    Type(() => PandiumIntegrationDto),
    ArrayUnique(
      (integration: PandiumIntegration | undefined) => integration?.id,
      { message: 'must not list the same integration id twice' },
    ),
  );
}

/**
 * A whole catalog, as an `IntegrationCatalog` returns it.
 *
 * @internal
 */
export class PandiumCatalogDto {
  @IsPandiumCatalog()
  integrations!: PandiumIntegrationDto[];
}
