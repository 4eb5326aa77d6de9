import { describe, expect, it } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import { EmulatorApiParams } from './emulator-api-query.parser.js';

/** The 422 body `done()` throws, or undefined when it does not. */
function detailOf(params: EmulatorApiParams): unknown {
  try {
    params.done();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(HttpException);
    expect((error as HttpException).getStatus()).toBe(422);
    return (error as HttpException).getResponse();
  }
}

describe('EmulatorApiParams', () => {
  it('should read whole numbers, booleans, enumerations and strings, with their fallbacks', () => {
    const params = new EmulatorApiParams({
      limit: '20',
      archived: 'true',
      mode: 'init',
      user_name: 'usr_1',
    });

    expect(params.int('limit', { min: 1, max: 500, fallback: 100 })).toBe(20);
    expect(params.int('skip', { min: 0, fallback: 0 })).toBe(0);
    expect(params.bool('archived', false)).toBe(true);
    expect(params.bool('paused', false)).toBe(false);
    expect(params.oneOf('mode', ['init', 'normal'] as const, 'normal')).toBe(
      'init',
    );
    expect(params.text('user_name')).toBe('usr_1');
    expect(params.text('other')).toBeUndefined();
    expect(detailOf(params)).toBeUndefined();
  });

  it("should collect every problem in Pandium's 422 shape: loc, msg, type", () => {
    const params = new EmulatorApiParams({
      limit: '501',
      skip: 'x',
      archived: 'maybe',
      mode: 'full',
      user_name: ['a', 'b'],
    });
    params.int('limit', { min: 1, max: 500, fallback: 100 });
    params.int('skip', { min: 0, fallback: 0 });
    params.bool('archived', false);
    params.oneOf('mode', ['init', 'normal'] as const, 'normal');
    params.text('user_name');
    params.int('tenant_id', { min: 1 }, 'path', '0');

    expect(detailOf(params)).toEqual({
      detail: [
        {
          loc: ['query', 'limit'],
          msg: 'ensure this value is less than or equal to 500',
          type: 'value_error.number.not_le',
        },
        {
          loc: ['query', 'skip'],
          msg: 'value is not a valid integer',
          type: 'type_error.integer',
        },
        {
          loc: ['query', 'archived'],
          msg: 'value could not be parsed to a boolean',
          type: 'type_error.bool',
        },
        {
          loc: ['query', 'mode'],
          msg: "value is not a valid enumeration member; permitted: 'init', 'normal'",
          type: 'type_error.enum',
        },
        {
          loc: ['query', 'user_name'],
          msg: 'a single value is expected',
          type: 'type_error',
        },
        {
          loc: ['path', 'tenant_id'],
          msg: 'ensure this value is greater than or equal to 1',
          type: 'value_error.number.not_ge',
        },
      ],
    });
  });

  it('should say a required parameter is missing', () => {
    const params = new EmulatorApiParams({});
    params.int('tenant_id', { min: 1 });

    expect(detailOf(params)).toEqual({
      detail: [
        {
          loc: ['query', 'tenant_id'],
          msg: 'field required',
          type: 'value_error.missing',
        },
      ],
    });
  });
});
