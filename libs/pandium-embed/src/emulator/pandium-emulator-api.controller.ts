import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { EmulatorApiParams } from './emulator-api-query.parser.js';
import { PandiumEmulatorApiKeyGuard } from './pandium-emulator-api-key.guard.js';
import { PANDIUM_EMULATOR_OPTIONS } from './pandium-emulator.constants.js';
import type {
  EmulatorApiIntegration,
  ResolvedPandiumEmulatorOptions,
} from './pandium-emulator-options.interface.js';

/**
 * Pandium's REST API, the part the library reads: `GET /v2/integrations` with `X-API-KEY`, paged with `limit`
 * (1–500) and `skip`. The body is the array of integrations (`id`, `name`, `long_name`, `connectors`), which is
 * what `PandiumApiIntegrationCatalog` reads first, so tests of the catalog need no network. Bad parameters are
 * `422 { detail: [{ loc, msg, type }] }`, as Pandium answers them.
 *
 * @see https://docs.pandium.com/reference/pandium-api
 * @internal
 */
@Controller('v2/integrations')
@UseGuards(PandiumEmulatorApiKeyGuard)
export class PandiumEmulatorApiController {
  constructor(
    @Inject(PANDIUM_EMULATOR_OPTIONS)
    private readonly options: ResolvedPandiumEmulatorOptions,
  ) {}

  /** One page of the account's integrations, in id order (none is archived). */
  @Get()
  list(
    @Query() query: Record<string, unknown>,
  ): readonly EmulatorApiIntegration[] {
    const params = new EmulatorApiParams(query);
    const { limit, skip } = params.page();
    const archived = params.bool('archived', false);
    params.done();
    return archived ? [] : this.options.integrations.slice(skip, skip + limit);
  }
}
