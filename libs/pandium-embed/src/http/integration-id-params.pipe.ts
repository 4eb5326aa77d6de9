import type { PipeTransform } from '@nestjs/common';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { INTEGRATION_ID_PATTERN } from '../signing/pandium-jwt.constants.js';
import type { InstallUrlParamsDto } from './install-url-params.dto.js';
import { INTEGRATION_ID_PARAM_MESSAGE } from './install-url-params.dto.js';

/**
 * Checks the route parameters of the routes that take an integration id ({@link InstallUrlParamsDto}) with one
 * pattern test, where `PandiumValidationPipe` would build and validate a class instance per request. It answers
 * what that pipe answered: a {@link PandiumHttpException} `PANDIUM_REQUEST_INVALID` (400) listing a message per
 * problem, a parameter the route does not declare first (`property <name> should not exist`), then the id's rule.
 *
 * @internal
 */
export class IntegrationIdParamsPipe implements PipeTransform<
  unknown,
  InstallUrlParamsDto
> {
  /** @throws {PandiumHttpException} `PANDIUM_REQUEST_INVALID` (400) when the id does not match the pattern. */
  transform(value: unknown): InstallUrlParamsDto {
    const params = (
      typeof value === 'object' && value !== null ? value : {}
    ) as Record<string, unknown>;
    const { integrationId } = params;
    const keys = Object.keys(params);
    const idIsValid =
      typeof integrationId === 'string' &&
      INTEGRATION_ID_PATTERN.test(integrationId);
    if (idIsValid && keys.length === 1) {
      return { integrationId };
    }
    const messages = keys
      .filter((key) => key !== 'integrationId')
      .map((key) => `property ${key} should not exist`);
    if (!idIsValid) {
      messages.push(INTEGRATION_ID_PARAM_MESSAGE);
    }
    throw PandiumHttpException.requestInvalid(messages);
  }
}
