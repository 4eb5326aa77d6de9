import type {
  CanActivate,
  INestApplication,
  Type as ClassType,
} from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { OpenAPIObject, ResponseObject } from '@nestjs/swagger';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import type { ClaimsProvider } from '../core/claims-provider.interface.js';
import type {
  PandiumEmbedUrl,
  PandiumInstallUrl,
} from '../core/pandium-embed-url.interface.js';
import type {
  PandiumCatalogEntry,
  PandiumIntegrationStatus,
} from '../core/pandium-integration-status.interface.js';
import type { PandiumLaunchLink } from '../launch/pandium-launch-ticket.interface.js';
import type { PandiumUserClaims } from '../core/pandium-claims.interface.js';
import type { TokenProvider } from '../core/token-provider.interface.js';
import type { PandiumEmbedUrlResponseDto } from '../http/pandium-embed-url-response.dto.js';
import type { PandiumInstallUrlResponseDto } from '../http/pandium-install-url-response.dto.js';
import type { PandiumIntegrationResponseDto } from '../http/pandium-integration-response.dto.js';
import type { PandiumIntegrationStatusResponseDto } from '../http/pandium-integration-status-response.dto.js';
import type { PandiumLaunchLinkResponseDto } from '../launch/pandium-launch-link-response.dto.js';
import { PandiumEmbedController } from '../http/pandium-embed.controller.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import { PandiumLaunchTicketController } from '../launch/pandium-launch-ticket.controller.js';
import { PandiumLaunchController } from '../launch/pandium-launch.controller.js';
import { documentPandiumEmbed } from './index.js';

// The response classes must keep the interfaces' keys, no more and no fewer (a compile error otherwise).
type SameKeys<A, B> = [keyof A] extends [keyof B]
  ? [keyof B] extends [keyof A]
    ? true
    : false
  : false;
const responseClassesInSync: [
  SameKeys<PandiumIntegrationResponseDto, PandiumCatalogEntry>,
  SameKeys<PandiumIntegrationStatusResponseDto, PandiumIntegrationStatus>,
  SameKeys<PandiumEmbedUrlResponseDto, PandiumEmbedUrl>,
  SameKeys<PandiumInstallUrlResponseDto, PandiumInstallUrl>,
  SameKeys<PandiumLaunchLinkResponseDto, PandiumLaunchLink>,
] = [true, true, true, true, true];

const SECRET = 'openapi-spec-shared-secret-0123456789abcdef';
const PREFIX = '/embed/pandium';
const SECURITY = [{ bearer: [] }];

@Injectable()
class HostGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

class FakeClaimsProvider implements ClaimsProvider<unknown> {
  getClaims(): PandiumUserClaims {
    return { sub: 'u-1', ti: { udn: 'Acme', ufn: 'Jane', uem: 'j@acme.test' } };
  }
}

class FakeTokenProvider implements TokenProvider<unknown> {
  getToken(): string {
    return 'connector-token';
  }
}

const moduleDefinition = PandiumEmbedModule.forRoot({
  account: 'acme',
  sharedSecret: SECRET,
  integrations: [
    { id: '1042', name: 'netsuite-orders', connectorName: 'netsuite' },
  ],
  claimsProvider: FakeClaimsProvider,
  tokenProvider: FakeTokenProvider,
  controller: { path: 'embed/pandium', guards: [HostGuard] },
});

async function createApp(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [moduleDefinition],
  }).compile();
  return moduleRef.createNestApplication({ logger: false });
}

function createDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder().addBearerAuth().build(),
  );
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

function operationOf(
  document: OpenAPIObject,
  method: 'get' | 'post' | 'delete',
  path: string,
): Operation {
  const operation = document.paths[`${PREFIX}${path}`]?.[method];
  if (operation === undefined) {
    throw new Error(`no ${method.toUpperCase()} ${path} in the document`);
  }
  return operation;
}

const ROUTES = [
  ['get', '/integrations'],
  ['get', '/integrations/{integrationId}/install-url'],
  ['get', '/marketplace-url'],
  ['post', '/integrations/refresh'],
  ['post', '/integrations/{integrationId}/sync'],
  ['delete', '/integrations/{integrationId}/tenant'],
  ['get', '/integrations/{integrationId}/launch'],
  ['get', '/marketplace/launch'],
  ['post', '/launch-tickets'],
  ['get', '/launch/{ticket}'],
] as const;

describe('documentPandiumEmbed', () => {
  let app: INestApplication;
  let undocumented: OpenAPIObject;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await createApp();
    undocumented = createDocument(app);
    documentPandiumEmbed({ security: SECURITY });
    document = createDocument(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('should keep the response classes in sync with the interfaces', () => {
    expect(responseClassesInSync).toEqual([true, true, true, true, true]);
  });

  describe('before it is called', () => {
    it('should leave the routes without summaries or response schemas', () => {
      const operation = undocumented.paths[`${PREFIX}/marketplace-url`]?.get;
      expect(operation?.summary).toBeUndefined();
      expect(Object.keys(operation?.responses ?? {})).toEqual(['200']);
      expect(undocumented.components?.schemas).not.toHaveProperty(
        'PandiumEmbedUrlResponseDto',
      );
    });
  });

  describe('the configured controllers', () => {
    it('should be subclasses the module registers, which swagger scans with their inherited metadata', () => {
      const bases: ClassType[] = [
        PandiumEmbedController,
        PandiumLaunchController,
        PandiumLaunchTicketController,
      ];
      const registered = moduleDefinition.controllers ?? [];
      expect(registered).toHaveLength(bases.length);
      for (const [index, controller] of registered.entries()) {
        expect(controller).not.toBe(bases[index]);
        expect(Object.getPrototypeOf(controller)).toBe(bases[index]);
      }
      // Only the subclasses are in the app: the prefix and the summaries come through them.
      expect(operationOf(document, 'get', '/integrations').summary).toBe(
        'List the integrations this user may install',
      );
    });
  });

  describe('every route', () => {
    it('should be in the document under the configured prefix, and nothing else', () => {
      const listed = Object.entries(document.paths).flatMap(([path, item]) =>
        (['get', 'post', 'put', 'patch', 'delete'] as const)
          .filter((method) => item[method] !== undefined)
          .map((method) => [method, path.slice(PREFIX.length)]),
      );
      expect(listed.sort()).toEqual(ROUTES.map((route) => [...route]).sort());
    });

    it.each(ROUTES)(
      'should have a summary, a description, the pandium tag, a success answer and its errors (%s %s)',
      (method, path) => {
        const operation = operationOf(document, method, path);
        expect(operation.summary).toEqual(expect.any(String));
        expect(operation.description).toEqual(expect.any(String));
        expect(operation.tags).toEqual(['pandium']);
        const statuses = Object.keys(operation.responses).map(Number);
        expect(statuses.filter((status) => status < 400)).toHaveLength(1);
        expect(
          statuses.filter((status) => status >= 400).length,
        ).toBeGreaterThan(3);
        for (const response of Object.values(operation.responses)) {
          expect(response).toHaveProperty('description', expect.any(String));
        }
      },
    );
  });

  describe('the JSON routes', () => {
    it('should answer the response classes', () => {
      expect(
        operationOf(document, 'get', '/integrations').responses['200'],
      ).toMatchObject({
        content: {
          'application/json': {
            schema: {
              type: 'array',
              items: {
                $ref: '#/components/schemas/PandiumIntegrationResponseDto',
              },
            },
          },
        },
      });
      expect(
        operationOf(
          document,
          'get',
          '/integrations/{integrationId}/install-url',
        ).responses['200'],
      ).toMatchObject({
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/PandiumInstallUrlResponseDto',
            },
          },
        },
        headers: {
          'Cache-Control': { schema: { example: 'no-store' } },
          'Referrer-Policy': { schema: { example: 'no-referrer' } },
        },
      });
      expect(
        operationOf(document, 'post', '/launch-tickets').responses['201'],
      ).toMatchObject({
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/PandiumLaunchLinkResponseDto',
            },
          },
        },
      });
    });

    it('should describe the run, uninstall and refresh routes: 202 with the trigger id, 204, Retry-After on a busy 503', () => {
      const sync = operationOf(
        document,
        'post',
        '/integrations/{integrationId}/sync',
      );
      expect(sync.responses['202']).toMatchObject({
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/PandiumSyncResponseDto' },
          },
        },
        headers: { 'Cache-Control': { schema: { example: 'no-store' } } },
      });
      const uninstall = operationOf(
        document,
        'delete',
        '/integrations/{integrationId}/tenant',
      );
      expect(Object.keys(uninstall.responses).sort()).toEqual([
        '204',
        '400',
        '401',
        '403',
        '404',
        '429',
        '501',
        '502',
        '503',
        '504',
      ]);
      for (const operation of [sync, uninstall]) {
        expect(operation.responses['503']).toMatchObject({
          headers: { 'Retry-After': { schema: { type: 'integer' } } },
        });
      }
      const refresh = operationOf(document, 'post', '/integrations/refresh');
      expect(refresh.responses['204']).toBeDefined();
      expect(refresh.responses['503']).not.toHaveProperty('headers');
      expect(
        document.components?.schemas?.PandiumSyncResponseDto,
      ).toMatchObject({
        required: ['triggerId'],
        properties: { triggerId: { type: 'string' } },
      });
    });

    it('should describe every property of the response classes', () => {
      const schemas = document.components?.schemas ?? {};
      expect(schemas.PandiumInstallUrlResponseDto).toMatchObject({
        required: ['url', 'expiresAt', 'expiresIn', 'integrationId'],
      });
      expect(schemas.PandiumIntegrationResponseDto).toMatchObject({
        required: ['id', 'name', 'connectorName'],
        properties: {
          displayName: { type: 'string' },
          status: {
            allOf: [
              {
                $ref: '#/components/schemas/PandiumIntegrationStatusResponseDto',
              },
            ],
          },
        },
      });
      expect(schemas.PandiumIntegrationStatusResponseDto).toMatchObject({
        required: ['state'],
        properties: {
          state: { enum: expect.arrayContaining(['not-installed', 'failing']) },
          tenantId: { type: 'integer' },
        },
      });
      expect(schemas.PandiumLaunchLinkResponseDto).toMatchObject({
        required: ['launchUrl', 'expiresIn', 'expiresAt', 'pandiumOrigin'],
      });
      expect(schemas.PandiumErrorResponseDto).toMatchObject({
        required: ['statusCode', 'error', 'message', 'code'],
        properties: {
          message: {
            oneOf: [
              { type: 'string' },
              { type: 'array', items: { type: 'string' } },
            ],
          },
          code: {
            type: 'string',
            enum: expect.arrayContaining([
              'PANDIUM_INTEGRATION_NOT_FOUND',
              'PANDIUM_STRATEGY_FAILED',
            ]),
          },
          correlationId: { type: 'string', format: 'uuid' },
        },
      });
    });

    it('should answer errors with the error body, and 429 with Retry-After', () => {
      const { responses } = operationOf(
        document,
        'get',
        '/integrations/{integrationId}/install-url',
      );
      expect(Object.keys(responses)).toEqual([
        '200',
        '400',
        '401',
        '404',
        '429',
        '502',
        '503',
        '504',
      ]);
      for (const status of ['400', '401', '404', '429', '502', '503', '504']) {
        expect(responses[status]).toMatchObject({
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/PandiumErrorResponseDto' },
            },
          },
        });
      }
      expect(responses['429']).toMatchObject({
        headers: { 'Retry-After': { schema: { type: 'integer' } } },
      });
    });

    it('should describe the integrationId parameter from its DTO', () => {
      expect(
        operationOf(
          document,
          'get',
          '/integrations/{integrationId}/install-url',
        ).parameters,
      ).toEqual([
        expect.objectContaining({
          name: 'integrationId',
          in: 'path',
          required: true,
          schema: expect.objectContaining({
            type: 'string',
            pattern: '^(?!\\.+$)[A-Za-z0-9._-]{1,128}$',
          }),
        }),
      ]);
    });

    it('should describe the body of POST launch-tickets', () => {
      expect(
        operationOf(document, 'post', '/launch-tickets').requestBody,
      ).toMatchObject({
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/LaunchTicketRequestDto' },
          },
        },
      });
      expect(
        document.components?.schemas?.LaunchTicketRequestDto,
      ).toMatchObject({
        properties: {
          kind: { type: 'string', enum: ['install', 'marketplace'] },
          integrationId: { type: 'string' },
        },
        required: ['kind'],
      });
    });
  });

  describe('the launch routes', () => {
    it.each([
      '/integrations/{integrationId}/launch',
      '/marketplace/launch',
      '/launch/{ticket}',
    ])(
      'should answer 302 with a Location header, errors as HTML (GET %s)',
      (path) => {
        const { responses } = operationOf(document, 'get', path);
        expect(responses['302']).toMatchObject({
          headers: {
            Location: { schema: { type: 'string', format: 'uri' } },
            'Cache-Control': { schema: { example: 'no-store' } },
          },
        });
        expect(responses['302']).not.toHaveProperty('content');
        const errors = Object.entries(responses).filter(
          ([status]) => Number(status) >= 400,
        );
        for (const [, response] of errors) {
          expect(response).toMatchObject({
            content: { 'text/html': { schema: { type: 'string' } } },
          });
          expect(
            Object.keys((response as ResponseObject).content ?? {}),
          ).toEqual(['text/html']);
        }
      },
    );

    it('should document 410 for a used or expired ticket', () => {
      expect(
        operationOf(document, 'get', '/launch/{ticket}').responses,
      ).toHaveProperty('410');
    });
  });

  describe('security', () => {
    it('should require the given security on the routes behind the host app’s guards', () => {
      for (const [method, path] of ROUTES.filter(
        ([, path]) => path !== '/launch/{ticket}',
      )) {
        expect(operationOf(document, method, path).security).toEqual(SECURITY);
      }
    });

    it('should require none on the ticket redemption, which runs no host guard', () => {
      expect(operationOf(document, 'get', '/launch/{ticket}').security).toEqual(
        [],
      );
    });
  });

  describe('when called again', () => {
    it('should change nothing with the same options', () => {
      documentPandiumEmbed({ security: SECURITY });
      documentPandiumEmbed({ security: [{ bearer: [] }], tags: ['pandium'] });

      expect(createDocument(app)).toEqual(document);
    });

    it('should refuse other options, naming the first ones', () => {
      let thrown: unknown;
      try {
        documentPandiumEmbed();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PandiumOptionsError);
      expect(() => documentPandiumEmbed({ tags: ['other'] })).toThrow(
        /documentPandiumEmbed\(\) options[\s\S]*"tags":\["pandium"\]/,
      );
      expect(createDocument(app)).toEqual(document);
    });
  });
});
