import type { PandiumRateLimitOptions } from '../rate-limit/pandium-rate-limit-options.interface.js';
import { formatProblems } from '../options/validation-problems.util.js';
import {
  findControllerOptionProblems,
  resolveControllerOptions,
} from './pandium-embed-controller-options.schema.js';

/** What is wrong with `PandiumEmbedModule`'s `controller` option, one line a problem, as a boot error lists them. */
const controllerProblems = (controller: unknown): string[] =>
  formatProblems(
    findControllerOptionProblems(controller, {
      path: 'controller',
      allowFalse: true,
    }),
  );

describe('findControllerOptionProblems', () => {
  describe('controller', () => {
    it.each([
      ['false', false],
      ['an empty object', {}],
      [
        'full settings',
        { path: 'api/pandium/', guards: [], userProperty: 'account' },
      ],
      ['a leading slash', { path: '/v1/pandium' }],
    ])('should accept %s', (_case, controller) => {
      expect(controllerProblems(controller)).toEqual([]);
    });

    it.each([
      ['with a space', 'pandium embed'],
      ['with a parameter', 'pandium/:id'],
      ['with a double slash', 'pandium//embed'],
      ['with a query', 'pandium?x=1'],
    ])('should refuse a path %s', (_case, path) => {
      const problems = controllerProblems({ path });

      expect(problems).toEqual([
        expect.stringMatching(/^controller\.path must be a route path/),
      ]);
    });

    it('should refuse a long path with a stray character', () => {
      // A trailing space: an earlier pattern backtracked exponentially on this (seconds here, hours at 40 characters).
      const problems = controllerProblems({
        path: 'pandium-embed-integrations-v2 ',
      });

      expect(problems).toEqual([expect.stringMatching(/^controller\.path /)]);
    });

    it.each([
      ['true', true],
      ['a string', 'pandium'],
    ])('should refuse controller given as %s', (_case, controller) => {
      const problems = controllerProblems(controller);

      expect(problems).toContain(
        'controller must be false or an object of controller settings',
      );
      for (const problem of problems) {
        expect(problem).toMatch(/^controller /);
      }
    });

    describe('rateLimit', () => {
      it.each<[string, PandiumRateLimitOptions | false]>([
        ['false', false],
        ['an empty object', {}],
        ['the smallest values', { limit: 1, windowSeconds: 1 }],
        ['a day-long window', { limit: 1000, windowSeconds: 86400 }],
        ['only a limit', { limit: 5 }],
      ])('should accept %s', (_case, rateLimit) => {
        expect(controllerProblems({ rateLimit })).toEqual([]);
      });

      it.each([
        ['limit', '0', { limit: 0 }, 'must be at least 1'],
        ['limit', '-5', { limit: -5 }, 'must be at least 1'],
        ['limit', '1.5', { limit: 1.5 }, 'must be a whole number of requests'],
        [
          'limit',
          'the string "30"',
          { limit: '30' },
          'must be a whole number of requests',
        ],
        [
          'windowSeconds',
          '0',
          { windowSeconds: 0 },
          'must be at least 1 second',
        ],
        [
          'windowSeconds',
          '86401',
          { windowSeconds: 86401 },
          'must be at most 86400 seconds',
        ],
        [
          'windowSeconds',
          '2.5',
          { windowSeconds: 2.5 },
          'must be a whole number of seconds',
        ],
      ])(
        'should name controller.rateLimit.%s when it is %s',
        (field, _case, rateLimit, message) => {
          const problems = controllerProblems({ rateLimit });

          expect(problems).toContain(
            `controller.rateLimit.${field} ${message}`,
          );
          for (const problem of problems) {
            expect(problem).toMatch(
              new RegExp(`^controller\\.rateLimit\\.${field} `),
            );
          }
        },
      );

      it.each([
        ['true', true],
        ['a number', 30],
        ['a string', 'off'],
        ['a list', [30, 60]],
      ])('should refuse rateLimit given as %s', (_case, rateLimit) => {
        const problems = controllerProblems({ rateLimit });

        expect(problems).toContain(
          'controller.rateLimit must be false or { limit, windowSeconds }',
        );
        for (const problem of problems) {
          expect(problem).toMatch(/^controller\.rateLimit[ .]/);
        }
      });

      it('should name a misspelt key', () => {
        const problems = controllerProblems({ rateLimit: { max: 10 } });

        expect(problems).toEqual([
          expect.stringMatching(
            /^controller\.rateLimit\.max .*should not exist/,
          ),
        ]);
      });
    });

    it('should name guards and userProperty when they are malformed', () => {
      const problems = controllerProblems({
        guards: 'JwtAuthGuard',
        userProperty: '',
      });

      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^controller\.guards /),
          expect.stringMatching(/^controller\.userProperty /),
        ]),
      );
    });
  });

  describe('controller.launch', () => {
    it.each([
      ['false', false],
      ['an empty object', {}],
      ['redeemRateLimit: false', { redeemRateLimit: false }],
      [
        'a redemption limit',
        { redeemRateLimit: { limit: 1000, windowSeconds: 60 } },
      ],
      ['bindToBrowser: false', { bindToBrowser: false }],
    ])('should accept %s', (_case, launch) => {
      expect(controllerProblems({ launch })).toEqual([]);
    });

    it.each([
      [
        'true',
        true,
        'controller.launch must be false or { redeemRateLimit, bindToBrowser }',
      ],
      [
        'bindToBrowser as a string',
        { bindToBrowser: 'no' },
        'controller.launch.bindToBrowser must be true or false',
      ],
      [
        'a redemption limit of 0',
        { redeemRateLimit: { limit: 0 } },
        'controller.launch.redeemRateLimit.limit must be at least 1',
      ],
    ])('should refuse %s', (_case, launch, problem) => {
      const problems = controllerProblems({ launch });

      expect(problems).toContain(problem);
    });
  });

  describe('for PandiumEmbedRouterModule', () => {
    it.each([
      ['false', false],
      ['a string', 'pandium'],
    ])('should refuse controller given as %s', (_case, controller) => {
      expect(
        formatProblems(
          findControllerOptionProblems(controller, {
            path: 'controller',
            allowFalse: false,
          }),
        ),
      ).toEqual(['controller must be an object of controller settings']);
    });
  });
});

describe('resolveControllerOptions', () => {
  const rateLimitKey = (user: unknown) => (user as { id: string }).id;

  it('should give no controller for false', () => {
    expect(
      resolveControllerOptions({ controller: false, rateLimitKey }),
    ).toBeUndefined();
  });

  it.each([
    ['no controller settings', undefined],
    ['an empty object', {}],
  ])('should apply the defaults for %s', (_case, controller) => {
    expect(resolveControllerOptions({ controller })).toEqual({
      path: 'pandium',
      guards: [],
      userProperty: 'user',
      rateLimit: { limit: 30, windowSeconds: 60 },
      rateLimitKey: undefined,
      launch: {
        redeemRateLimit: { limit: 300, windowSeconds: 60 },
        bindToBrowser: true,
      },
    });
  });

  it('should keep the given settings', () => {
    const guard = { canActivate: () => true };

    expect(
      resolveControllerOptions({
        controller: {
          path: 'api/embed',
          guards: [guard],
          userProperty: 'account',
          rateLimit: { limit: 5, windowSeconds: 10 },
          launch: { redeemRateLimit: { limit: 50 }, bindToBrowser: false },
        },
        rateLimitKey,
      }),
    ).toEqual({
      path: 'api/embed',
      guards: [guard],
      userProperty: 'account',
      rateLimit: { limit: 5, windowSeconds: 10 },
      rateLimitKey,
      launch: {
        redeemRateLimit: { limit: 50, windowSeconds: 60 },
        bindToBrowser: false,
      },
    });
  });

  describe('launch', () => {
    it('should leave the launch routes out for launch: false', () => {
      expect(
        resolveControllerOptions({ controller: { launch: false } })?.launch,
      ).toBeUndefined();
    });

    it('should turn the redemption limit off for redeemRateLimit: false, keeping the routes', () => {
      expect(
        resolveControllerOptions({
          controller: { launch: { redeemRateLimit: false } },
        })?.launch,
      ).toEqual({ redeemRateLimit: undefined, bindToBrowser: true });
    });
  });

  describe('rateLimit', () => {
    it('should be undefined when rateLimit is false', () => {
      const resolved = resolveControllerOptions({
        controller: { rateLimit: false },
      });

      expect(resolved).toBeDefined();
      expect(resolved?.rateLimit).toBeUndefined();
    });

    it.each([
      ['only a limit', { limit: 5 }, { limit: 5, windowSeconds: 60 }],
      [
        'only a window',
        { windowSeconds: 3600 },
        { limit: 30, windowSeconds: 3600 },
      ],
      ['an empty object', {}, { limit: 30, windowSeconds: 60 }],
    ])('should fill in the defaults for %s', (_case, rateLimit, expected) => {
      expect(
        resolveControllerOptions({ controller: { rateLimit } })?.rateLimit,
      ).toEqual(expected);
    });

    it('should pass the rateLimitKey function through unchanged', () => {
      expect(
        resolveControllerOptions({ controller: {}, rateLimitKey })
          ?.rateLimitKey,
      ).toBe(rateLimitKey);
    });
  });
});
