import { Controller, Get, Header, Req, UseGuards } from '@nestjs/common';
import { PandiumEmbedService } from 'pandium-embed';
import { JwtAuthGuard } from '../auth/jwt-auth.guard.js';
import type { DemoUser } from '../directory/demo-directory.js';
import { ActivityFeed } from './activity-feed.js';
import type { ActivityEntry } from './activity-feed.js';

/** `GET /demo/activity`: the signed-in user's installs, uninstalls and failed runs, newest first (bearer). */
@Controller('demo')
@UseGuards(JwtAuthGuard)
export class ActivityController {
  constructor(
    private readonly feed: ActivityFeed,
    private readonly pandium: PandiumEmbedService<DemoUser>,
  ) {}

  @Get('activity')
  @Header('Cache-Control', 'no-store')
  async activity(@Req() request: { user: DemoUser }): Promise<ActivityEntry[]> {
    const { user } = request;
    // The user's own tenants, from Pandium (cached by the library): events whose user was not known yet are
    // attributed only to the user whose tenant list shows their tenant.
    const catalog = await this.pandium.listIntegrations(user);
    const tenantIds = new Set(
      catalog.flatMap(({ status }) =>
        status?.tenantId === undefined ? [] : [status.tenantId],
      ),
    );
    return this.feed.entriesOf(user.id, tenantIds);
  }
}
