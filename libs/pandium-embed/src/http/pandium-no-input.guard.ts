import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { SetMetadata } from '@nestjs/common';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PANDIUM_TAKES_BODY_METADATA } from '../pandium-embed.tokens.js';

const NAMES_SHOWN = 5;
const NAME_LENGTH_SHOWN = 64;

interface HttpRequestLike {
  query?: unknown;
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Refuses a query string or a request body on routes that take none (400), so a client cannot believe it
 * influenced the signed claims: they come from the server-side strategies only. A body counts whether or not
 * the app parsed it (a declared `Content-Length` above 0, or a chunked body). Runs after authentication, so an
 * anonymous request still gets 401 first. A route marked with {@link TakesBody} (`POST <prefix>/launch-tickets`,
 * whose DTO names the target, never a claim) may have a body, still no query string.
 *
 * @internal
 */
export class PandiumNoInputGuard implements CanActivate {
  /** @throws {PandiumHttpException} `PANDIUM_REQUEST_INVALID` (400) naming the unexpected parameters or fields. */
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<HttpRequestLike>();
    const queryNames = namesOf(request.query);
    if (queryNames.length > 0) {
      throw refusal('query parameters', queryNames);
    }
    if (hasBody(request) && !takesBody(context)) {
      throw refusal('request body', namesOf(request.body));
    }
    return true;
  }
}

/**
 * Marks a handler whose body is validated by its own DTO, so {@link PandiumNoInputGuard} lets the body through.
 *
 * @internal
 */
export const TakesBody = (): MethodDecorator =>
  SetMetadata(PANDIUM_TAKES_BODY_METADATA, true);

function takesBody(context: ExecutionContext): boolean {
  return (
    Reflect.getMetadata(PANDIUM_TAKES_BODY_METADATA, context.getHandler()) ===
    true
  );
}

function hasBody({ body, headers }: HttpRequestLike): boolean {
  const declaredLength = Number(headers['content-length'] ?? 0);
  const parsedSomething =
    body !== undefined &&
    body !== null &&
    body !== '' &&
    (typeof body !== 'object' || namesOf(body).length > 0);
  return (
    parsedSomething ||
    declaredLength > 0 ||
    headers['transfer-encoding'] !== undefined
  );
}

function namesOf(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? Object.keys(value) : [];
}

function refusal(where: string, names: string[]): PandiumHttpException {
  const shown = names
    .slice(0, NAMES_SHOWN)
    .map((name) => name.slice(0, NAME_LENGTH_SHOWN))
    .join(', ');
  return PandiumHttpException.requestInvalid(
    shown
      ? `This route takes no ${where}; unexpected: ${shown}.`
      : `This route takes no ${where}.`,
  );
}
