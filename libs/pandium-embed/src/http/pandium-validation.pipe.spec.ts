import type { ArgumentMetadata } from '@nestjs/common';
import { HttpStatus } from '@nestjs/common';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { InstallUrlParamsDto } from './install-url-params.dto.js';
import { PandiumValidationPipe } from './pandium-validation.pipe.js';

const PARAMS: ArgumentMetadata = {
  type: 'param',
  metatype: InstallUrlParamsDto,
};

describe('PandiumValidationPipe', () => {
  const pipe = new PandiumValidationPipe();

  /** What the pipe throws for `value` (fails the test when it lets the value through). */
  async function refusal(value: unknown): Promise<PandiumHttpException> {
    try {
      await pipe.transform(value, PARAMS);
    } catch (error) {
      expect(error).toBeInstanceOf(PandiumHttpException);
      return error as PandiumHttpException;
    }
    throw new Error('expected transform to throw');
  }

  it('should let a valid value through', async () => {
    await expect(
      pipe.transform({ integrationId: '1042' }, PARAMS),
    ).resolves.toEqual({ integrationId: '1042' });
  });

  it("should answer a 400 PANDIUM_REQUEST_INVALID with Nest's list of messages", async () => {
    const exception = await refusal({ integrationId: 'a b' });

    expect(exception.getStatus()).toBe(HttpStatus.BAD_REQUEST);
    expect(exception.getResponse()).toStrictEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: [expect.stringMatching(/^integrationId /)],
      code: 'PANDIUM_REQUEST_INVALID',
    });
  });

  it('should refuse a field the class does not declare, naming it', async () => {
    const exception = await refusal({ integrationId: '1042', extra: 1 });

    expect(exception.getResponse()).toMatchObject({
      message: ['property extra should not exist'],
      code: 'PANDIUM_REQUEST_INVALID',
    });
  });
});
