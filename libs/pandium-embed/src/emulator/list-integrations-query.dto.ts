import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_API_LIMIT } from './pandium-emulator.constants.js';

/** `GET /v2/integrations?limit=&skip=`: Pandium's paging parameters. @internal */
export class ListIntegrationsQueryDto {
  /** How many integrations to return, 1–500. @default 100 */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: `limit must be from 1 to ${MAX_API_LIMIT}` })
  @Max(MAX_API_LIMIT, { message: `limit must be from 1 to ${MAX_API_LIMIT}` })
  limit?: number;

  /** How many integrations to pass over first. @default 0 */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'skip must be a whole number' })
  @Min(0, { message: 'skip must be 0 or more' })
  skip?: number;
}
