import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, HttpException, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { logCorrelatedError } from '../errors/correlated-error.util.js';
import { describeThrown } from '../errors/describe-thrown.util.js';
import { LAUNCH_FAILED_MESSAGE } from '../errors/pandium-error.messages.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import type { LaunchErrorPage } from './launch-error-page.util.js';
import {
  LAUNCH_ERROR_PAGE_HEADERS,
  launchErrorTitle,
  renderLaunchErrorPage,
} from './launch-error-page.util.js';

/** A message longer than this is cut: it is for a person, in a small iframe. */
const MAX_MESSAGE_LENGTH = 500;

/**
 * Answers an error on a launch route (`…/launch`, `launch/:ticket`) with a small HTML page instead of JSON: the
 * route is an iframe's `src`, so the iframe shows it. Status, a short title, the exception's message (escaped),
 * the correlation id of a 5xx and the library's error code; `Cache-Control: no-store` and a
 * `Content-Security-Policy` that allows no script.
 * Covers the guards too (401, 429 with its `Retry-After`, 400). Anything that is not an `HttpException` becomes a
 * logged 500 (`PANDIUM_LAUNCH_FAILED`) with a correlation id, and nothing of it reaches the page.
 *
 * @publicApi
 */
@Catch()
@Injectable()
export class PandiumLaunchErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(PandiumLaunchErrorFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    const page = this.pageOf(exception);
    if (httpAdapter.isHeadersSent(response)) {
      httpAdapter.end(response);
      return;
    }
    for (const [name, value] of Object.entries(LAUNCH_ERROR_PAGE_HEADERS)) {
      httpAdapter.setHeader(response, name, value);
    }
    httpAdapter.reply(response, renderLaunchErrorPage(page), page.status);
  }

  /** What the page shows for this exception. Override to reword it. */
  protected pageOf(exception: unknown): LaunchErrorPage {
    const answer =
      exception instanceof HttpException
        ? exception
        : PandiumHttpException.of(
            PandiumErrorCode.LAUNCH_FAILED,
            logCorrelatedError(
              this.logger,
              `A launch route failed (${describeThrown(exception)})`,
              exception instanceof Error ? exception.stack : undefined,
            ),
          );
    const status = answer.getStatus();
    const body = answer.getResponse();
    const fields =
      typeof body === 'object' && body !== null
        ? (body as { message?: unknown; correlationId?: unknown })
        : {};
    const message =
      typeof body === 'string' ? body : messageText(fields.message);
    return {
      status,
      title: launchErrorTitle(status),
      message: (message || LAUNCH_FAILED_MESSAGE).slice(0, MAX_MESSAGE_LENGTH),
      correlationId:
        typeof fields.correlationId === 'string'
          ? fields.correlationId
          : undefined,
      code: answer instanceof PandiumHttpException ? answer.code : undefined,
    };
  }
}

/** A `message` as Nest's exceptions carry it: a string, or a list of them (validation). */
function messageText(message: unknown): string {
  if (typeof message === 'string') {
    return message;
  }
  return Array.isArray(message)
    ? message.filter((item) => typeof item === 'string').join('; ')
    : '';
}
