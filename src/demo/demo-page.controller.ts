import {
  Controller,
  Get,
  Header,
  NotFoundException,
  Param,
  ParseEnumPipe,
  Res,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PandiumEmbedService } from 'pandium-embed';
import { DEMO_ASSET_TYPES, readDemoAsset } from './demo-assets.js';
import type { DemoAsset } from './demo-assets.js';
import { DEMO_PAGE_HTML } from './demo-page.html.js';

enum DemoAssetName {
  Script = 'demo.js',
  Styles = 'demo.css',
}

/**
 * `GET /`: the demo page (sign in, the host's own integration tiles, Pandium's install flow in an iframe), and its
 * two bundled assets. Its CSP allows frames only from this app (launch links redirect from here) and from Pandium.
 */
@Controller()
export class DemoPageController {
  private readonly assets = new Map<DemoAsset, Promise<string | undefined>>();

  constructor(
    private readonly pandium: PandiumEmbedService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('X-Content-Type-Options', 'nosniff')
  page(@Res({ passthrough: true }) response: unknown): string {
    this.adapterHost.httpAdapter.setHeader(
      response,
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `frame-src 'self' ${this.pandium.pandiumOrigin}`,
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
    );
    return DEMO_PAGE_HTML;
  }

  @Get('assets/:name')
  @Header('X-Content-Type-Options', 'nosniff')
  async asset(
    @Param(
      'name',
      new ParseEnumPipe(DemoAssetName, { errorHttpStatusCode: 404 }),
    )
    name: DemoAsset,
    @Res({ passthrough: true }) response: unknown,
  ): Promise<string> {
    if (!this.assets.has(name)) {
      this.assets.set(name, readDemoAsset(name));
    }
    const body = await this.assets.get(name);
    if (body === undefined) {
      this.assets.delete(name);
      throw new NotFoundException(
        `${name} is not built: run npm run build (it bundles src/web into dist/public)`,
      );
    }
    this.adapterHost.httpAdapter.setHeader(
      response,
      'Content-Type',
      DEMO_ASSET_TYPES[name],
    );
    return body;
  }
}
