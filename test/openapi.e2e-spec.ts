// The OpenAPI document the example app serves: the same as the committed openapi.json (the file front-end teams
// generate clients from), true to what the routes answer, and browsable in Swagger UI.
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { setupOpenApi } from '../src/openapi/openapi.document.js';
import {
  createExampleApp,
  HTTP_ADAPTERS,
  logIn,
} from './support/example-app.js';

const COMMITTED = fileURLToPath(new URL('../openapi.json', import.meta.url));
const REGENERATE =
  'openapi.json is not the document the app serves: run `npm run openapi` and commit openapi.json.';

function committedDocument(): unknown {
  if (!existsSync(COMMITTED)) {
    throw new Error(`${COMMITTED} is missing.`);
  }
  return JSON.parse(readFileSync(COMMITTED, 'utf8'));
}

/** The success status the document gives an operation (its one 2xx or 3xx answer). */
function documentedSuccess(
  document: OpenAPIObject,
  method: 'get' | 'post',
  path: string,
): number {
  const statuses = Object.keys(
    document.paths[path]?.[method]?.responses ?? {},
  ).map(Number);
  const [success] = statuses.filter((status) => status < 400);
  if (success === undefined) {
    throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
  }
  return success;
}

describe.each(HTTP_ADAPTERS)('OpenAPI document on %s (e2e)', (adapter) => {
  let app: INestApplication<App>;
  let served: OpenAPIObject;
  let accessToken: string;

  const http = () => request(app.getHttpServer());
  const schemaOf = (name: string): SchemaObject =>
    (served.components?.schemas?.[name] ?? {}) as SchemaObject;

  beforeAll(async () => {
    app = await createExampleApp({}, { adapter, beforeInit: setupOpenApi });
    served = (await http().get('/api-docs-json').expect(200))
      .body as OpenAPIObject;
    accessToken = await logIn(app, 'jane@acme.test');
  });

  afterAll(async () => {
    await app.close();
  });

  describe('GET /api-docs-json', () => {
    it('should answer JSON', async () => {
      await http()
        .get('/api-docs-json')
        .expect(200)
        .expect('Content-Type', /^application\/json/);
    });

    it('should answer the document committed in openapi.json', () => {
      try {
        expect(served).toEqual(committedDocument());
      } catch (error) {
        (error as Error).message =
          `${REGENERATE}\n\n${(error as Error).message}`;
        throw error;
      }
    });

    it("should describe the library's routes and the demo login, not the demo page", () => {
      expect(served.info).toMatchObject({
        title: 'pandium-embed example app',
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      });
      expect(Object.keys(served.paths)).toEqual(
        expect.arrayContaining([
          '/auth/login',
          '/pandium/integrations',
          '/pandium/integrations/{integrationId}/install-url',
          '/pandium/marketplace-url',
          '/pandium/integrations/refresh',
          '/pandium/integrations/{integrationId}/sync',
          '/pandium/integrations/{integrationId}/tenant',
        ]),
      );
      expect(served.paths).not.toHaveProperty('/');
      expect(served.components?.securitySchemes).toHaveProperty('bearer');
    });
  });

  describe('the documented success statuses', () => {
    // A route that answers otherwise than its document says would break the clients generated from it.
    it.each([
      ['get', '/pandium/integrations', '/pandium/integrations'],
      [
        'get',
        '/pandium/integrations/{integrationId}/install-url',
        '/pandium/integrations/1042/install-url',
      ],
      ['get', '/pandium/marketplace-url', '/pandium/marketplace-url'],
      [
        'get',
        '/pandium/integrations/{integrationId}/launch',
        '/pandium/integrations/1042/launch',
      ],
      ['get', '/pandium/marketplace/launch', '/pandium/marketplace/launch'],
      // Without an API key (this app has none), a refresh still answers its documented 204.
      [
        'post',
        '/pandium/integrations/refresh',
        '/pandium/integrations/refresh',
      ],
    ] as const)(
      'should be what %s %s answers',
      async (method, documentedPath, path) => {
        const response = await http()
          [method](path)
          .set('Authorization', `Bearer ${accessToken}`);
        expect(response.status).toBe(
          documentedSuccess(served, method, documentedPath),
        );
      },
    );

    it('should be what POST /pandium/launch-tickets and GET its launchUrl answer', async () => {
      const ticket = await http()
        .post('/pandium/launch-tickets')
        .set('Authorization', `Bearer ${accessToken}`)
        .send({ kind: 'marketplace' });
      expect(ticket.status).toBe(
        documentedSuccess(served, 'post', '/pandium/launch-tickets'),
      );
      expect(Object.keys(ticket.body as object).sort()).toEqual(
        Object.keys(
          schemaOf('PandiumLaunchLinkResponseDto').properties ?? {},
        ).sort(),
      );

      const redeemed = await http().get(
        (ticket.body as { launchUrl: string }).launchUrl,
      );
      expect(redeemed.status).toBe(
        documentedSuccess(served, 'get', '/pandium/launch/{ticket}'),
      );
      expect(redeemed.headers.location).toMatch(/^https:\/\//);
    });

    it('should answer the documented error body for an integration not in the catalog', async () => {
      const response = await http()
        .get('/pandium/integrations/9999/install-url')
        .set('Authorization', `Bearer ${accessToken}`)
        .expect(404);
      expect(Object.keys(response.body as object)).toEqual(
        expect.arrayContaining(
          schemaOf('PandiumErrorResponseDto').required ?? ['(none)'],
        ),
      );
    });
  });

  if (adapter === 'express') {
    describe('GET /api-docs', () => {
      it('should answer Swagger UI', async () => {
        const response = await http()
          .get('/api-docs')
          .expect(200)
          .expect('Content-Type', /^text\/html/);
        expect(response.text).toContain('swagger-ui');
      });

      it('should serve Swagger UI’s assets and the document it shows', async () => {
        await http()
          .get('/api-docs/swagger-ui-bundle.js')
          .expect(200)
          .expect('Content-Type', /javascript/);
        await http()
          .get('/api-docs/swagger-ui.css')
          .expect(200)
          .expect('Content-Type', /^text\/css/);
        const init = await http()
          .get('/api-docs/swagger-ui-init.js')
          .expect(200);
        expect(init.text).toContain('pandium-embed example app');
      });
    });
  } else {
    describe('GET /api-docs', () => {
      it('should not be served: Swagger UI needs @fastify/static, which the app does not install', async () => {
        await http().get('/api-docs').expect(404);
      });
    });
  }
});
