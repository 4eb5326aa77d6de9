import {
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { ApiResponseOptions } from '@nestjs/swagger';
import { PandiumErrorResponseDto } from '../http/pandium-error-response.dto.js';
import { PandiumEmbedController } from '../http/pandium-embed.controller.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';
import type { PandiumEmbedOpenApiOptions } from './pandium-embed-openapi-options.interface.js';
import { PANDIUM_MODEL_DOCS } from './pandium-embed-openapi.models.js';
import type {
  PandiumControllerDoc,
  PandiumErrorStatus,
  PandiumRouteDoc,
} from './pandium-embed-openapi-route.doc.js';
import { PANDIUM_CONTROLLER_DOCS } from './pandium-embed-openapi.routes.js';

/** Marks the library as documented, with the options used (a key of ours, not swagger's). @internal */
const DOCUMENTED_WITH = Symbol.for('pandium-embed:openapi-documented-with');

const DEFAULT_TAGS = ['pandium'];

const RETRY_AFTER_HEADERS = {
  'Retry-After': {
    description: 'Seconds until the next try may succeed.',
    schema: { type: 'integer', minimum: 1 },
  },
};

/**
 * Adds `@nestjs/swagger` metadata to the library's controllers and DTOs, so that `SwaggerModule.createDocument`
 * describes their routes: summaries, the configured route prefix, path parameters and request bodies, the
 * response bodies and headers (`302` with `Location` for the launch routes), and every error status with its body.
 * Call it before `SwaggerModule.createDocument`.
 *
 * The library's main entry never imports `@nestjs/swagger` (an optional peer); this entry point does, and applies
 * the decorators at run time, so the metadata exists only in apps that ask for it. The controllers the module
 * registers (a subclass per configuration) inherit it.
 *
 * Idempotent: later calls with the same options do nothing.
 *
 * @throws {PandiumOptionsError} when called again with other options (the metadata is on the shared classes).
 * @publicApi
 */
export function documentPandiumEmbed(
  options: PandiumEmbedOpenApiOptions = {},
): void {
  const settings: Required<PandiumEmbedOpenApiOptions> = {
    tags: options.tags ?? DEFAULT_TAGS,
    security: options.security ?? [],
  };
  const fingerprint = JSON.stringify(settings);
  const previous = Reflect.getOwnMetadata(
    DOCUMENTED_WITH,
    PandiumEmbedController,
  ) as string | undefined;
  if (previous === fingerprint) {
    return;
  }
  if (previous !== undefined) {
    throw PandiumOptionsError.invalid('documentPandiumEmbed() options', [
      {
        path: '(root)',
        message: `must be those of the first call, ${previous}: the OpenAPI metadata is on the library's shared classes`,
      },
    ]);
  }
  for (const { type, properties } of PANDIUM_MODEL_DOCS) {
    for (const [name, property] of Object.entries(properties)) {
      ApiProperty(property)(type.prototype as object, name);
    }
  }
  for (const controller of PANDIUM_CONTROLLER_DOCS) {
    documentController(controller, settings);
  }
  Reflect.defineMetadata(DOCUMENTED_WITH, fingerprint, PandiumEmbedController);
}

function documentController(
  { controller, authenticated, routes }: PandiumControllerDoc,
  { tags, security }: Required<PandiumEmbedOpenApiOptions>,
): void {
  ApiTags(...tags)(controller);
  if (authenticated) {
    for (const requirement of security) {
      ApiSecurity(requirement)(controller);
    }
  }
  const prototype = controller.prototype as object;
  for (const [name, route] of Object.entries(routes)) {
    // Swagger keeps method metadata on the handler function itself, which the configured subclasses inherit.
    const handler = Object.getOwnPropertyDescriptor(prototype, name);
    if (typeof handler?.value !== 'function') {
      throw new TypeError(
        `${controller.name} has no route handler ${name} to document`,
      );
    }
    const decorators: MethodDecorator[] = [
      ApiOperation({
        summary: route.summary,
        description: route.description,
        // No host guard runs: a document-wide security requirement does not apply.
        ...(authenticated ? {} : { security: [] }),
      }),
      ...(route.params ?? []).map((param) => ApiParam(param)),
      ...(route.body === undefined ? [] : [ApiBody(route.body)]),
      ApiResponse(route.success),
      ...Object.entries(route.errors).map(([status, description]) =>
        ApiResponse(errorResponse(route, Number(status), description)),
      ),
    ];
    for (const decorate of decorators) {
      decorate(prototype, name, handler);
    }
  }
}

function errorResponse(
  { errorBody = 'json', retryAfterOn503 = false }: PandiumRouteDoc,
  status: number,
  description: string,
): ApiResponseOptions {
  const headers =
    status === (429 satisfies PandiumErrorStatus) ||
    (retryAfterOn503 && status === (503 satisfies PandiumErrorStatus))
      ? { headers: RETRY_AFTER_HEADERS }
      : {};
  return errorBody === 'json'
    ? { status, description, ...headers, type: PandiumErrorResponseDto }
    : {
        status,
        description: `${description} Answered as an HTML page for the iframe.`,
        ...headers,
        content: {
          'text/html': {
            schema: { type: 'string', example: '<!doctype html>…' },
          },
        },
      };
}
