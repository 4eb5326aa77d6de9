import type { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/**
 * Logs an error line that ends with a fresh correlation id (`… [correlationId <uuid>]`) and returns the id, for the
 * answer that carries it: the client sees the id, the server log has the cause.
 *
 * @internal
 */
export function logCorrelatedError(
  logger: Logger,
  message: string,
  stack?: string,
): string {
  const correlationId = randomUUID();
  const line = `${message} [correlationId ${correlationId}]`;
  if (stack === undefined) {
    logger.error(line);
  } else {
    logger.error(line, stack);
  }
  return correlationId;
}
