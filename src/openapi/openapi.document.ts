import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  DocumentBuilder,
  SwaggerModule,
} from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PandiumEmbedModule } from 'pandium-embed';
import { documentPandiumEmbed } from 'pandium-embed/swagger';
import { AuthController } from '../auth/auth.controller.js';
import { AuthModule } from '../auth/auth.module.js';
import { LoginDto } from '../auth/login.dto.js';

/** Swagger UI at `/api-docs`, the document at `/api-docs-json`. */
export const OPENAPI_PATH = 'api-docs';

/** The security scheme of the demo login's access token. */
const BEARER_SCHEME = 'bearer';

function appVersion(): string {
  // src/openapi/ and dist/openapi/ are both two levels under the repository root.
  const { version } = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return version;
}

let demoLoginDocumented = false;

/**
 * OpenAPI metadata for the demo login, applied the way `documentPandiumEmbed()` applies the library's: at run time,
 * so the example app's classes stay as they are without Swagger. Once only: `ApiResponse` appends the description
 * of a status it already has.
 */
function documentDemoLogin(): void {
  if (demoLoginDocumented) {
    return;
  }
  demoLoginDocumented = true;
  ApiProperty({
    type: String,
    format: 'email',
    example: 'jane@acme.test',
  })(LoginDto.prototype, 'email');
  ApiProperty({
    type: String,
    minLength: 1,
    maxLength: 256,
    example: 'pandium-demo',
  })(LoginDto.prototype, 'password');
  const login = Object.getOwnPropertyDescriptor(
    AuthController.prototype,
    'login',
  ) as PropertyDescriptor;
  for (const decorate of [
    ApiOperation({
      summary: 'Sign in as a demo user',
      description:
        'Answers the `accessToken` to send as `Authorization: Bearer <accessToken>` to the `pandium` routes.',
    }),
    ApiOkResponse({
      description: 'Signed in.',
      schema: {
        type: 'object',
        required: ['accessToken'],
        properties: { accessToken: { type: 'string' } },
      },
    }),
    ApiBadRequestResponse({ description: 'A malformed body.' }),
    ApiUnauthorizedResponse({ description: 'Wrong email or password.' }),
    ApiTooManyRequestsResponse({
      description:
        'Too many failed sign-ins from this address or for this email: every sign-in is refused until the window ends.',
      headers: {
        'Retry-After': {
          description: 'Seconds until sign-ins may be tried again.',
          schema: { type: 'integer', minimum: 1 },
        },
      },
    }),
  ]) {
    decorate(AuthController.prototype, 'login', login);
  }
}

/**
 * The OpenAPI document of the example app's HTTP API: the demo login and the library's routes (the demo page is
 * left out). Deterministic, so `npm run openapi` and test/openapi.e2e-spec.ts compare it with `openapi.json`.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  documentPandiumEmbed({ security: [{ [BEARER_SCHEME]: [] }] });
  documentDemoLogin();
  const config = new DocumentBuilder()
    .setTitle('pandium-embed example app')
    .setDescription(
      "The example host app of pandium-embed: a demo login, and Pandium's embed routes under `/pandium`. " +
        'Sign in with `POST /auth/login`, then authorize with the `accessToken`.',
    )
    .setVersion(appVersion())
    .addTag(
      'pandium',
      "pandium-embed's routes: signed URLs for iframes, and the launch routes that redirect to them.",
    )
    .addBearerAuth(
      { type: 'http', description: 'The `accessToken` of `POST /auth/login`.' },
      BEARER_SCHEME,
    )
    .build();
  return SwaggerModule.createDocument(app, config, {
    include: [AuthModule, PandiumEmbedModule],
  });
}

/** Swagger UI's assets need `@fastify/static` under Fastify (SwaggerModule exits the process without it). */
function canServeSwaggerUi(app: INestApplication): boolean {
  if (app.getHttpAdapter().getType() !== 'fastify') {
    return true;
  }
  try {
    createRequire(import.meta.url).resolve('@fastify/static');
    return true;
  } catch {
    return false;
  }
}

/**
 * Serves the document at `/api-docs-json` and Swagger UI at `/api-docs`. Call it after creating the app and
 * before `listen` (or `init`). Under Fastify without `@fastify/static`, only the JSON is served.
 */
export function setupOpenApi(app: INestApplication): void {
  const ui = canServeSwaggerUi(app);
  if (!ui) {
    new Logger('OpenApi').warn(
      `Swagger UI needs @fastify/static under Fastify: serving only /${OPENAPI_PATH}-json`,
    );
  }
  SwaggerModule.setup(OPENAPI_PATH, app, createOpenApiDocument(app), {
    raw: ['json'],
    ui,
  });
}
