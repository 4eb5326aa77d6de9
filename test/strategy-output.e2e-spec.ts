// A ClaimsProvider's output that JavaScript treats specially: `xti` keys named after Object.prototype's members
// (one made class-transformer throw, a bare 500; the others vanished from the signed token). The example app with
// its ClaimsProvider wrapped so it adds one such key, asked over HTTP for an install URL.
import type { INestApplication } from '@nestjs/common';
import type {
  ClaimsProvider,
  IntegrationCatalog,
  PandiumIntegration,
  PandiumUserClaims,
  TokenProvider,
} from 'pandium-embed';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import {
  PANDIUM_CLAIMS_PROVIDER,
  PANDIUM_INTEGRATION_CATALOG,
  PANDIUM_TOKEN_PROVIDER,
} from '../libs/pandium-embed/src/pandium-embed.tokens.js';
import { DemoIntegrationCatalog } from '../src/pandium/demo-integration.catalog.js';
import { DemoClaimsProvider } from '../src/pandium/demo-claims.provider.js';
import { DemoDirectory } from '../src/directory/demo-directory.js';
import type { DemoUser } from '../src/directory/demo-directory.js';
import { capturingLogger } from './support/capturing.logger.js';
import {
  createExampleApp,
  HTTP_ADAPTERS,
  logIn,
} from './support/example-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Keys an object answers without owning them; each as an own `xti` key, as JSON.parse makes it. */
const PROTOTYPE_KEYS = [
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__proto__',
  '__defineGetter__',
];

/** The demo ClaimsProvider, its answer changed by `reshape`. */
class ReshapingClaimsProvider implements ClaimsProvider<DemoUser> {
  reshape: (claims: PandiumUserClaims) => PandiumUserClaims = (claims) =>
    claims;

  constructor(private readonly demo: DemoClaimsProvider) {}

  getClaims(user: DemoUser): PandiumUserClaims {
    return this.reshape(this.demo.getClaims(user));
  }
}

/** `claims` with `extra` (a JSON text, so `__proto__` becomes an own key) added to `xti`, and `ti` changed by `ti`. */
function withXti(
  extra: string,
  ti: Partial<PandiumUserClaims['ti']> = {},
): (claims: PandiumUserClaims) => PandiumUserClaims {
  return (claims) => ({
    ...claims,
    // Spread, not assignment, keeps an own `__proto__` key as the strategy returned it.
    ti: {
      ...claims.ti,
      ...ti,
      xti: { ...claims.ti.xti, ...(JSON.parse(extra) as object) },
    },
  });
}

/** A TokenProvider that answers an object owning a `constructor` key (class-transformer took it for a class). */
class ObjectTokenProvider implements TokenProvider<DemoUser> {
  getToken(): string {
    return JSON.parse('{"constructor": "x"}') as string;
  }
}

/** The demo catalog, each entry carrying a host field named `constructor` as well. */
class ConstructorFieldCatalog implements IntegrationCatalog<DemoUser> {
  constructor(private readonly demo: DemoIntegrationCatalog) {}

  listIntegrations(user: DemoUser): PandiumIntegration[] {
    return this.demo.listIntegrations(user).map((entry) => ({
      ...entry,
      ...JSON.parse('{"constructor": "Entry"}'),
    }));
  }
}

describe.each(HTTP_ADAPTERS)(
  'Strategy output with prototype-named keys on %s (e2e)',
  (adapter) => {
    let app: INestApplication<App>;
    let provider: ReshapingClaimsProvider;
    let accessToken: string;

    beforeAll(async () => {
      app = await createExampleApp(
        {},
        {
          adapter,
          configure: (builder) =>
            builder.overrideProvider(PANDIUM_CLAIMS_PROVIDER).useFactory({
              factory: (directory: DemoDirectory) => {
                provider = new ReshapingClaimsProvider(
                  new DemoClaimsProvider(directory),
                );
                return provider;
              },
              inject: [DemoDirectory],
            }),
        },
      );
      accessToken = await logIn(app, 'jane@acme.test');
    });

    afterAll(async () => {
      await app.close();
    });

    it.each(PROTOTYPE_KEYS)(
      'should answer 502 with a correlation id to an xti key named %s, and log the field',
      async (key) => {
        provider.reshape = withXti(`{"${key}": "x"}`);

        expect(await refusalLogged()).toContain(
          `ClaimsProvider returned invalid output: ti.xti.${key} is named after a member of Object.prototype`,
        );
      },
    );

    it('should name the key and the other problems when the output is invalid besides', async () => {
      provider.reshape = withXti('{"constructor": "x"}', {
        uem: 'not-an-email',
      });

      const logged = await refusalLogged();

      expect(logged).toContain('ti.xti.constructor is named after');
      expect(logged).toContain('ti.uem must be an email address');
    });

    it('should answer 502, not 500, when reading the output throws', async () => {
      provider.reshape = (claims) => ({
        ...claims,
        get sub(): string {
          throw new Error('directory connection lost');
        },
      });

      expect(await refusalLogged()).toContain(
        '(root) could not be checked (Error: directory connection lost)',
      );
    });

    it('should still sign ordinary xti keys', async () => {
      provider.reshape = withXti('{"user_tier": "gold"}');

      await request(app.getHttpServer())
        .get('/pandium/integrations/1042/install-url')
        .set('Authorization', `Bearer ${accessToken}`)
        .expect(200);
    });

    /** Asks for an install URL, expects a 502 with a correlation id, and answers the error lines logged with that id. */
    async function refusalLogged(): Promise<string> {
      const mark = capturingLogger.mark();

      const res = await request(app.getHttpServer())
        .get('/pandium/integrations/1042/install-url')
        .set('Authorization', `Bearer ${accessToken}`)
        .expect(502);

      expect(res.body).toEqual({
        statusCode: 502,
        error: 'Bad Gateway',
        message: expect.any(String),
        code: 'PANDIUM_STRATEGY_FAILED',
        correlationId: expect.stringMatching(UUID),
      });
      const logged = capturingLogger
        .since(mark, 'error')
        .map((entry) => entry.text)
        .filter((text) => text.includes(res.body.correlationId as string))
        .join('\n');
      expect(logged).not.toBe('');
      return logged;
    }
  },
);

describe.each(HTTP_ADAPTERS)(
  'Other strategy output with prototype-named keys on %s (e2e)',
  (adapter) => {
    let app: INestApplication<App>;
    let accessToken: string;

    beforeAll(async () => {
      app = await createExampleApp(
        {},
        {
          adapter,
          configure: (builder) =>
            builder
              .overrideProvider(PANDIUM_TOKEN_PROVIDER)
              .useValue(new ObjectTokenProvider())
              .overrideProvider(PANDIUM_INTEGRATION_CATALOG)
              .useFactory({
                factory: (directory: DemoDirectory) =>
                  new ConstructorFieldCatalog(
                    new DemoIntegrationCatalog(directory),
                  ),
                inject: [DemoDirectory],
              }),
        },
      );
      accessToken = await logIn(app, 'jane@acme.test');
    });

    afterAll(async () => {
      await app.close();
    });

    it.each([
      [
        '/pandium/marketplace-url',
        'TokenProvider returned invalid output: token.constructor is named after',
      ],
      [
        '/pandium/integrations',
        'IntegrationCatalog returned invalid output: integrations.0.constructor is named after',
      ],
    ])(
      'should answer GET %s with 502 and a correlation id, logging the field',
      async (path, logged) => {
        const mark = capturingLogger.mark();

        const res = await request(app.getHttpServer())
          .get(path)
          .set('Authorization', `Bearer ${accessToken}`)
          .expect(502);

        expect(res.body).toMatchObject({
          code: 'PANDIUM_STRATEGY_FAILED',
          correlationId: expect.stringMatching(UUID),
        });
        const lines = capturingLogger
          .since(mark, 'error')
          .map((entry) => entry.text)
          .filter((text) => text.includes(res.body.correlationId as string));
        expect(lines.join('\n')).toContain(logged);
      },
    );
  },
);
