import type { ExecutionContext } from '@nestjs/common';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import {
  ChangesState,
  PandiumSameSiteGuard,
} from './pandium-same-site.guard.js';

class Routes {
  reads(): void {}

  @ChangesState()
  acts(): void {}
}

function contextOf(
  site: string | string[] | undefined,
  handler: keyof Routes = 'acts',
): ExecutionContext {
  const headers = site === undefined ? {} : { 'sec-fetch-site': site };
  return {
    switchToHttp: () => ({ getRequest: () => ({ headers }) }),
    getHandler: () => Routes.prototype[handler],
  } as unknown as ExecutionContext;
}

describe('PandiumSameSiteGuard', () => {
  const guard = new PandiumSameSiteGuard();

  it.each([['cross-site'], ['Cross-Site '], [['same-origin', 'cross-site']]])(
    'should refuse a route that changes state with Sec-Fetch-Site %p (403)',
    (site) => {
      let thrown: unknown;
      try {
        guard.canActivate(contextOf(site));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PandiumHttpException);
      expect((thrown as PandiumHttpException).getResponse()).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'This request came from another site, so it was refused.',
        code: 'PANDIUM_CROSS_SITE_REQUEST',
      });
    },
  );

  it.each([['same-origin'], ['same-site'], ['none'], [undefined]])(
    'should let Sec-Fetch-Site %p through',
    (site) => {
      expect(guard.canActivate(contextOf(site))).toBe(true);
    },
  );

  it('should not check a route that does not change state', () => {
    expect(guard.canActivate(contextOf('cross-site', 'reads'))).toBe(true);
  });
});
