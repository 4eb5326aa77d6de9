// Type-checked only: the rest of the main entry a TypeScript host writes against: options from a class, named
// instances behind the router, a global guard that lets the ticket redemption through, its own redirecting route
// with the launch error page, a CSP with Pandium's origin, the errors it catches and log redaction.
import type {
  CanActivate,
  ExecutionContext,
  NestMiddleware,
} from '@nestjs/common';
import {
  Controller,
  Get,
  Injectable,
  Module,
  Param,
  Redirect,
  UseFilters,
} from '@nestjs/common';
import {
  InjectPandiumEmbedService,
  PandiumEmbedModule,
  PandiumEmbedRouterModule,
  PandiumEmbedService,
  PandiumErrorCode,
  PandiumHttpException,
  PandiumLaunchErrorFilter,
  PandiumLaunchTicketController,
  PandiumOptionsError,
  redactTenantToken,
} from 'pandium-embed';
import type {
  PandiumEmbedModuleOptions,
  PandiumEmbedOptionsFactory,
  PandiumInstanceSelector,
  PandiumUserClaims,
} from 'pandium-embed';

interface RegionUser {
  id: string;
  region: 'eu' | 'us';
}

@Injectable()
class RegionOptions implements PandiumEmbedOptionsFactory {
  createPandiumEmbedOptions(): PandiumEmbedModuleOptions {
    return {
      account: 'acme-us',
      environment: 'production',
      sharedSecret: 'a-shared-secret-of-at-least-32-bytes!!',
      integrations: [{ id: '1042', name: 'gwt2hs', connectorName: 'gwt' }],
    };
  }
}

@Injectable()
class RegionSelector implements PandiumInstanceSelector<RegionUser> {
  selectInstance(user: RegionUser): string {
    return user.region;
  }
}

const strategies = {
  claimsProvider: {
    useValue: {
      getClaims: (user: RegionUser): PandiumUserClaims => ({
        sub: user.id,
        ti: { udn: 'Acme', ufn: user.id, uem: `${user.id}@acme.test` },
      }),
    },
  },
  tokenProvider: { useValue: { getToken: () => 'connector-token' } },
};

/** The host's global guard, which must let the iframe's ticket redemption through. */
@Injectable()
class SessionGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getClass().prototype instanceof PandiumLaunchTicketController) {
      return true;
    }
    return (
      context.switchToHttp().getRequest<{ user?: unknown }>().user !== undefined
    );
  }
}

/** The host's own redirecting route, with the library's error page. */
@Controller('apps')
@UseFilters(PandiumLaunchErrorFilter)
class AppsController {
  constructor(
    @InjectPandiumEmbedService('eu')
    private readonly eu: PandiumEmbedService<RegionUser>,
  ) {}

  @Get(':integrationId')
  @Redirect()
  async open(
    @Param('integrationId') integrationId: string,
  ): Promise<{ url: string }> {
    const user: RegionUser = { id: 'u-1', region: 'eu' };
    try {
      return { url: (await this.eu.createInstallUrl(user, integrationId)).url };
    } catch (error) {
      if (
        error instanceof PandiumHttpException &&
        error.code === PandiumErrorCode.INTEGRATION_NOT_FOUND
      ) {
        console.warn(error.getStatus());
      }
      throw error;
    }
  }
}

/** The host's CSP, with Pandium's origin as a frame source, and its request log without tokens. */
@Injectable()
export class SecurityHeaders implements NestMiddleware {
  constructor(private readonly pandium: PandiumEmbedService) {}

  use(
    request: { url: string },
    response: { setHeader(name: string, value: string): void },
    next: () => void,
  ): void {
    response.setHeader(
      'Content-Security-Policy',
      `frame-src 'self' ${this.pandium.pandiumOrigin}`,
    );
    console.log(redactTenantToken(request.url));
    next();
  }
}

@Module({
  imports: [
    PandiumEmbedModule.forRoot({
      name: 'eu',
      account: 'acme-eu',
      sharedSecret: 'another-shared-secret-of-32-bytes-or-more',
      integrations: [{ id: '1042', name: 'gwt2hs', connectorName: 'gwt' }],
      ...strategies,
    }),
    PandiumEmbedModule.forRootAsync({
      name: 'us',
      useClass: RegionOptions,
      ...strategies,
    }),
    PandiumEmbedRouterModule.forRoot({
      selector: RegionSelector,
      controller: { guards: [SessionGuard] },
    }),
  ],
  controllers: [AppsController],
})
export class AccountsModule {}

export function bootFailure(error: unknown): string | undefined {
  return error instanceof PandiumOptionsError ? error.message : undefined;
}
