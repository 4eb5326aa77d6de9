import { HttpException } from '@nestjs/common';
import {
  DEFAULT_API_LIMIT,
  MAX_API_LIMIT,
} from './pandium-emulator.constants.js';

/** One problem of a request, as Pandium's REST API (FastAPI) reports it. @internal */
export interface EmulatorApiProblem {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** The status Pandium's REST API answers a request with bad parameters. */
const UNPROCESSABLE = 422;

/**
 * Reads the query and path parameters of one REST API request, collecting every problem; {@link done} throws them
 * all at once as Pandium does: `422 { detail: [{ loc, msg, type }] }`.
 *
 * @internal
 */
export class EmulatorApiParams {
  private readonly problems: EmulatorApiProblem[] = [];

  constructor(private readonly query: Record<string, unknown> = {}) {}

  /** A whole number from the query (or `value` for a path parameter), within bounds. */
  int(
    name: string,
    { min, max, fallback }: { min: number; max?: number; fallback?: number },
    where: 'query' | 'path' = 'query',
    value: unknown = this.query[name],
  ): number {
    const text = this.single(name, where, value);
    if (text === undefined) {
      if (fallback === undefined) {
        this.problems.push({
          loc: [where, name],
          msg: 'field required',
          type: 'value_error.missing',
        });
      }
      return fallback ?? 0;
    }
    if (!/^-?\d{1,15}$/.test(text)) {
      this.problems.push({
        loc: [where, name],
        msg: 'value is not a valid integer',
        type: 'type_error.integer',
      });
      return fallback ?? 0;
    }
    const number = Number(text);
    if (number < min) {
      this.problems.push({
        loc: [where, name],
        msg: `ensure this value is greater than or equal to ${min}`,
        type: 'value_error.number.not_ge',
      });
    } else if (max !== undefined && number > max) {
      this.problems.push({
        loc: [where, name],
        msg: `ensure this value is less than or equal to ${max}`,
        type: 'value_error.number.not_le',
      });
    }
    return number;
  }

  /** `true`/`false` (also `1`/`0`) from the query. */
  bool(name: string, fallback: boolean): boolean {
    const text = this.single(name, 'query', this.query[name]);
    if (text === undefined) {
      return fallback;
    }
    if (['true', '1'].includes(text.toLowerCase())) {
      return true;
    }
    if (['false', '0'].includes(text.toLowerCase())) {
      return false;
    }
    this.problems.push({
      loc: ['query', name],
      msg: 'value could not be parsed to a boolean',
      type: 'type_error.bool',
    });
    return fallback;
  }

  /** One of `values` from the query. */
  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const text = this.single(name, 'query', this.query[name]);
    if (text === undefined) {
      return fallback;
    }
    if ((values as readonly string[]).includes(text)) {
      return text as T;
    }
    this.problems.push({
      loc: ['query', name],
      msg: `value is not a valid enumeration member; permitted: ${values.map((value) => `'${value}'`).join(', ')}`,
      type: 'type_error.enum',
    });
    return fallback;
  }

  /** Pandium's paging: `limit` (1–500, default 100) and `skip` (default 0). */
  page(): { limit: number; skip: number } {
    return {
      limit: this.int('limit', {
        min: 1,
        max: MAX_API_LIMIT,
        fallback: DEFAULT_API_LIMIT,
      }),
      skip: this.int('skip', { min: 0, fallback: 0 }),
    };
  }

  /** A string from the query, or undefined. */
  text(name: string): string | undefined {
    return this.single(name, 'query', this.query[name]);
  }

  /** @throws {HttpException} 422 with every problem found, if any. */
  done(): void {
    if (this.problems.length > 0) {
      throw new HttpException({ detail: this.problems }, UNPROCESSABLE);
    }
  }

  /** The parameter's one value, or undefined when absent; a repeated parameter is a problem. */
  private single(
    name: string,
    where: 'query' | 'path',
    value: unknown,
  ): string | undefined {
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'string') {
      this.problems.push({
        loc: [where, name],
        msg: 'a single value is expected',
        type: 'type_error',
      });
      return undefined;
    }
    return value;
  }
}
