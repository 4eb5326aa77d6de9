import {
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Req,
  Res,
} from '@nestjs/common';
import type {
  EmulatorRequest,
  EmulatorResponse,
} from './emulator-http.interface.js';
import type { PandiumUrlTarget } from '../diagnosis/pandium-token-diagnosis.interface.js';
import { EMULATOR_PAGE_SCRIPT } from './emulator-page.script.js';
import { EMULATOR_PAGE_STYLES } from './emulator-page.styles.js';
import {
  renderIndexPage,
  renderRefusedPage,
  renderVerifiedPage,
} from './emulator-page.renderer.js';
import type { EmulatorPageContext } from './emulator-page.html.js';
import {
  EMULATOR_ASSET_ROUTE,
  PANDIUM_EMULATOR_OPTIONS,
} from './pandium-emulator.constants.js';
import { PandiumEmulatorVerifier } from './pandium-emulator.verifier.js';
import { jsonOfVerdict } from './emulator-verdict.json.js';
import type { ResolvedPandiumEmulatorOptions } from './pandium-emulator-options.interface.js';

/**
 * Pandium's embedded pages, emulated: `GET /<account>/tenants/create/<integration_id>?tenant=<jwt>` (install flow)
 * and `GET /<account>?tenant=<jwt>` (marketplace). Each request's token is checked as Pandium would; the answer is
 * an HTML page (200 verified, 401 refused with every reason, 400 without a token), or the same as JSON for
 * `Accept: application/json`. The token and the secret are never logged.
 *
 * @internal
 */
@Controller()
export class PandiumEmulatorController {
  private readonly context: EmulatorPageContext;

  constructor(
    @Inject(PANDIUM_EMULATOR_OPTIONS)
    private readonly options: ResolvedPandiumEmulatorOptions,
    private readonly verifier: PandiumEmulatorVerifier,
  ) {
    this.context = { hostOrigin: options.hostOrigin, account: options.account };
  }

  /** The pages' script (a route of its own, so the CSP can be `script-src 'self'`). */
  @Get(`${EMULATOR_ASSET_ROUTE}/page.js`)
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  script(): string {
    return EMULATOR_PAGE_SCRIPT;
  }

  /** The pages' stylesheet (CSP `style-src 'self'`). */
  @Get(`${EMULATOR_ASSET_ROUTE}/page.css`)
  @Header('Content-Type', 'text/css; charset=utf-8')
  styles(): string {
    return EMULATOR_PAGE_STYLES;
  }

  /** No icon: without this route the browser's request would be read as the marketplace of account `favicon.ico`. */
  @Get('favicon.ico')
  @HttpCode(204)
  favicon(): void {}

  /** What the emulator serves, for someone who opens it directly. */
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  index(): string {
    return renderIndexPage(this.context, this.options.integrations);
  }

  /** The install flow of one integration. */
  @Get(':account/tenants/create/:integrationId')
  async install(
    @Param('account') account: string,
    @Param('integrationId') integrationId: string,
    @Req() request: EmulatorRequest,
    @Res() response: EmulatorResponse,
  ): Promise<void> {
    await this.answer(request, response, {
      kind: 'install',
      account,
      integrationId,
    });
  }

  /** The account's marketplace. */
  @Get(':account')
  async marketplace(
    @Param('account') account: string,
    @Req() request: EmulatorRequest,
    @Res() response: EmulatorResponse,
  ): Promise<void> {
    await this.answer(request, response, { kind: 'marketplace', account });
  }

  private async answer(
    request: EmulatorRequest,
    response: EmulatorResponse,
    target: PandiumUrlTarget,
  ): Promise<void> {
    const verdict = await this.verifier.verify(request.originalUrl, target);
    const token = new URL(
      request.originalUrl,
      'http://emulator.invalid',
    ).searchParams.get('tenant');
    response.status(verdict.status).vary('Accept');
    if (request.accepts(['html', 'json']) === 'json') {
      response.json(jsonOfVerdict(verdict));
      return;
    }
    response
      .type('html')
      .send(
        verdict.status === 200
          ? renderVerifiedPage(verdict, this.context, token ?? undefined)
          : renderRefusedPage(verdict, this.context),
      );
  }
}
