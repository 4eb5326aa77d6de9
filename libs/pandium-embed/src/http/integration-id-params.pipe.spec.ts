import type { ArgumentMetadata } from '@nestjs/common';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { InstallUrlParamsDto } from './install-url-params.dto.js';
import { IntegrationIdParamsPipe } from './integration-id-params.pipe.js';
import { PandiumValidationPipe } from './pandium-validation.pipe.js';

const PARAMS: ArgumentMetadata = {
  type: 'param',
  metatype: InstallUrlParamsDto,
};

/** What a pipe answers: the value it lets through, or the response of the exception it throws. */
async function outcomeOf(
  run: () => unknown,
): Promise<{ value: unknown } | { refusal: unknown }> {
  try {
    return { value: { ...((await run()) as object) } };
  } catch (error) {
    expect(error).toBeInstanceOf(PandiumHttpException);
    return { refusal: (error as PandiumHttpException).getResponse() };
  }
}

describe('IntegrationIdParamsPipe', () => {
  const pipe = new IntegrationIdParamsPipe();
  const validationPipe = new PandiumValidationPipe();

  it.each<[string, unknown]>([
    ['a numeric id', { integrationId: '1042' }],
    ['an id with dots, dashes and underscores', { integrationId: 'a.b-c_d' }],
    ['a 128-character id', { integrationId: 'i'.repeat(128) }],
    ['a 129-character id', { integrationId: 'i'.repeat(129) }],
    ['an id of dots only', { integrationId: '..' }],
    ['an id with a space', { integrationId: 'a b' }],
    ['an id with a slash', { integrationId: 'a/b' }],
    ['an empty id', { integrationId: '' }],
    ['no id', {}],
    ['an undeclared parameter', { integrationId: '1042', extra: '1' }],
    [
      'an undeclared parameter and a bad id',
      { tenant: 't', integrationId: '' },
    ],
  ])('should answer %s as PandiumValidationPipe does', async (_, params) => {
    const expected = await outcomeOf(() =>
      validationPipe.transform(params, PARAMS),
    );

    await expect(outcomeOf(() => pipe.transform(params))).resolves.toEqual(
      expected,
    );
  });
});
