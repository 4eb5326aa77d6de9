import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { BadRequestException, Injectable } from '@nestjs/common';

const NAMES_SHOWN = 5;
const NAME_LENGTH_SHOWN = 64;

/**
 * Refuses a query string or a request body on routes that take none (400), so a client cannot believe it
 * influenced the signed claims: they come from the server-side strategies only.
 *
 * @publicApi
 */
@Injectable()
export class PandiumNoInputPipe implements PipeTransform {
  /** @throws {BadRequestException} naming the unexpected parameters. */
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (value === undefined || value === null || value === '') {
      return value;
    }
    const names = typeof value === 'object' ? Object.keys(value) : [];
    if (typeof value === 'object' && names.length === 0) {
      return value;
    }
    const where =
      metadata.type === 'query' ? 'query parameters' : 'request body';
    const shown = names
      .slice(0, NAMES_SHOWN)
      .map((name) => name.slice(0, NAME_LENGTH_SHOWN))
      .join(', ');
    throw new BadRequestException(
      shown
        ? `This route takes no ${where}; unexpected: ${shown}.`
        : `This route takes no ${where}.`,
    );
  }
}
