import type { AbstractHttpAdapter } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';

/** The HTTP servers the example app runs on; the library works unchanged on both. */
export const HTTP_ADAPTERS = ['express', 'fastify'] as const;
export type HttpAdapterName = (typeof HTTP_ADAPTERS)[number];

/** `HTTP_ADAPTER` (`express`, the default, or `fastify`). */
export function httpAdapterFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): HttpAdapterName {
  const name = env.HTTP_ADAPTER || 'express';
  if (!(HTTP_ADAPTERS as readonly string[]).includes(name)) {
    throw new Error(`HTTP_ADAPTER must be one of ${HTTP_ADAPTERS.join(', ')}`);
  }
  return name as HttpAdapterName;
}

/**
 * Fastify answers 414 to a route parameter over 100 characters by default; integration ids may have 128, and
 * more once percent-encoded. Longer parameters still get 414.
 */
export const FASTIFY_MAX_PARAM_LENGTH = 1024;

export function createHttpAdapter(name: HttpAdapterName): AbstractHttpAdapter {
  return name === 'fastify'
    ? new FastifyAdapter({
        routerOptions: { maxParamLength: FASTIFY_MAX_PARAM_LENGTH },
      })
    : new ExpressAdapter();
}
