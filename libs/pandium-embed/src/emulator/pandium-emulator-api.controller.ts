import {
  Controller,
  Get,
  Inject,
  Query,
  UseGuards,
  ValidationPipe,
} from '@nestjs/common';
import { ListIntegrationsQueryDto } from './list-integrations-query.dto.js';
import { PandiumEmulatorApiKeyGuard } from './pandium-emulator-api-key.guard.js';
import {
  DEFAULT_API_LIMIT,
  PANDIUM_EMULATOR_OPTIONS,
} from './pandium-emulator.constants.js';
import type {
  EmulatorApiIntegration,
  ResolvedPandiumEmulatorOptions,
} from './pandium-emulator-options.interface.js';

/**
 * Pandium's REST API, the part the library reads: `GET /v2/integrations` with `X-API-KEY`, paged with `limit`
 * (1–500) and `skip`. The body is the array of integrations (`id`, `name`, `long_name`, `connectors`), which is
 * what `PandiumApiIntegrationCatalog` reads first, so tests of the catalog need no network.
 *
 * @see https://docs.pandium.com/reference/pandium-api
 *
 * @internal
 */
@Controller('v2/integrations')
@UseGuards(PandiumEmulatorApiKeyGuard)
export class PandiumEmulatorApiController {
  constructor(
    @Inject(PANDIUM_EMULATOR_OPTIONS)
    private readonly options: ResolvedPandiumEmulatorOptions,
  ) {}

  /** One page of the account's integrations, in id order. */
  @Get()
  list(
    @Query(new ValidationPipe({ transform: true }))
    { limit = DEFAULT_API_LIMIT, skip = 0 }: ListIntegrationsQueryDto,
  ): readonly EmulatorApiIntegration[] {
    return this.options.integrations.slice(skip, skip + limit);
  }
}
