import { jest } from '@jest/globals';
import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import type { ConfigType } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { inspect } from 'node:util';
import type { PandiumEmbedModuleOptions } from './pandium-embed-module-options.interface.js';
import {
  PANDIUM_DEVELOPMENT_ACCOUNT,
  loadPandiumEnvironment,
  pandiumConfig,
} from './pandium-embed.config.js';
import { resolvePandiumEmbedOptions } from './pandium-embed-options.validator.js';
import { PandiumSecret } from './pandium.secret.js';
import { PandiumEmbedModule } from '../module/pandium-embed.module.js';
import { PandiumEmbedService } from '../core/pandium-embed.service.js';
import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from '../../../../test/support/pandium-token.verifier.js';
import { PandiumOptionsError } from '../errors/pandium-options.error.js';

const SECRET = 'ENV-S3CRET-recognisable-value-for-the-config-spec';
/** 16 bytes: below the 32 bytes HS256 wants. */
const SHORT_SECRET = 'SHORT-ENV-S3CRET';

const PANDIUM_VARIABLES = [
  'NODE_ENV',
  'PANDIUM_ACCOUNT',
  'PANDIUM_ENVIRONMENT',
  'PANDIUM_BASE_URL',
  'PANDIUM_SHARED_SECRET',
  'PANDIUM_ALLOW_SHORT_SECRET',
  'PANDIUM_TOKEN_TTL_SECONDS',
  'PANDIUM_LAUNCH_TICKET_TTL_SECONDS',
  'PANDIUM_API_KEY',
  'PANDIUM_API_BASE_URL',
  'PANDIUM_STATUS_CACHE_TTL_SECONDS',
  'PANDIUM_WEBHOOK_SECRET',
] as const;

/** What a log line or a serialised config dump of the options would show. */
function visibleForms(options: object): string[] {
  return [
    Object.keys(options).join(','),
    JSON.stringify(options),
    inspect(options, { depth: 10 }),
    JSON.stringify({ pandium: options }),
  ];
}

/** Runs `fn`, expecting a PandiumOptionsError, and returns it. */
function optionsErrorOf(fn: () => unknown): PandiumOptionsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PandiumOptionsError);
    return error as PandiumOptionsError;
  }
  throw new Error('expected a PandiumOptionsError, but nothing was thrown');
}

function loadError(env: NodeJS.ProcessEnv): PandiumOptionsError {
  return optionsErrorOf(() => loadPandiumEnvironment(env));
}

describe('loadPandiumEnvironment', () => {
  let warn: jest.SpiedFunction<Logger['warn']>;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => {});
  });

  afterEach(() => {
    warn.mockRestore();
  });

  describe('the REST API variables', () => {
    const API_KEY = 'ENV-API-K3Y-recognisable';

    it('should give no apiKey when PANDIUM_API_KEY is not set', () => {
      expect(loadPandiumEnvironment({})).not.toHaveProperty('apiKey');
    });

    it('should read PANDIUM_API_KEY as a PandiumSecret, PANDIUM_API_BASE_URL and the status TTL', () => {
      const options = loadPandiumEnvironment({
        PANDIUM_API_KEY: API_KEY,
        PANDIUM_API_BASE_URL: 'http://localhost:3100',
        PANDIUM_STATUS_CACHE_TTL_SECONDS: '60',
      });

      expect(options.apiKey).toBeInstanceOf(PandiumSecret);
      expect((options.apiKey as PandiumSecret).reveal()).toBe(API_KEY);
      expect(options).toMatchObject({
        apiBaseUrl: 'http://localhost:3100',
        statusCacheTtlSeconds: 60,
      });
      for (const form of visibleForms(options)) {
        expect(form).not.toContain(API_KEY);
      }
    });

    it('should name the variables of a bad key, base URL or TTL, never the key', () => {
      const error = loadError({
        PANDIUM_API_KEY: `${API_KEY} `,
        PANDIUM_API_BASE_URL: 'ftp://example.com',
        PANDIUM_STATUS_CACHE_TTL_SECONDS: '0',
      });

      expect(error.message).toMatch(
        /PANDIUM_API_KEY must not contain white space/,
      );
      expect(error.message).toMatch(/PANDIUM_API_BASE_URL/);
      expect(error.message).toMatch(/PANDIUM_STATUS_CACHE_TTL_SECONDS/);
      expect(error.message).not.toContain(API_KEY);
    });
  });

  describe('the webhook secret variable', () => {
    const NEW = 'new-webhook-secret-0123456789abcdefghij';
    const OLD = 'old-webhook-secret-0123456789abcdefghij';

    it('should read PANDIUM_WEBHOOK_SECRET as PandiumSecrets, two when comma-separated (a rotation)', () => {
      const options = loadPandiumEnvironment({
        PANDIUM_WEBHOOK_SECRET: `${NEW},${OLD}`,
      });
      const secrets = options.webhookSecret as PandiumSecret[];

      expect(secrets.map((secret) => secret.reveal())).toEqual([NEW, OLD]);
      for (const form of visibleForms(options)) {
        expect(form).not.toContain(NEW);
        expect(form).not.toContain(OLD);
      }
    });

    it('should name the variable of a short secret, never the secret', () => {
      const error = loadError({ PANDIUM_WEBHOOK_SECRET: 'short-one' });

      expect(error.message).toMatch(/PANDIUM_WEBHOOK_SECRET must be 32 to 100/);
      expect(error.message).not.toContain('short-one');
    });
  });

  describe('outside production with nothing set', () => {
    it('should use the development account and a random 32-byte secret', () => {
      const options = loadPandiumEnvironment({});

      expect(options.account).toBe(PANDIUM_DEVELOPMENT_ACCOUNT);
      expect(options.account).toBe('pandium-embed-demo');
      expect(
        Buffer.from(options.sharedSecret.reveal(), 'base64url'),
      ).toHaveLength(32);
      expect(Object.keys(options)).toEqual(['account', 'sharedSecret']);
    });

    it('should make a different secret on each call', () => {
      const first = loadPandiumEnvironment({ NODE_ENV: 'development' });
      const second = loadPandiumEnvironment({ NODE_ENV: 'development' });

      expect(first.sharedSecret.reveal()).not.toBe(
        second.sharedSecret.reveal(),
      );
    });

    it('should warn, naming PANDIUM_SHARED_SECRET and never the secret itself', () => {
      const options = loadPandiumEnvironment({});

      expect(warn).toHaveBeenCalledTimes(1);
      const logged = JSON.stringify(warn.mock.calls);
      expect(logged).toContain('PANDIUM_SHARED_SECRET');
      expect(logged).not.toContain(options.sharedSecret.reveal());
    });

    it('should give options the module accepts', () => {
      const resolved = resolvePandiumEmbedOptions(loadPandiumEnvironment({}));

      expect(resolved.account).toBe(PANDIUM_DEVELOPMENT_ACCOUNT);
      expect(resolved.environment).toBe('sandbox');
      expect(resolved.tokenTtlSeconds).toBe(300);
    });

    it('should not warn once PANDIUM_SHARED_SECRET is set', () => {
      const options = loadPandiumEnvironment({ PANDIUM_SHARED_SECRET: SECRET });

      expect(options.sharedSecret.reveal()).toBe(SECRET);
      expect(warn).not.toHaveBeenCalled();
    });
  });

  describe('in production', () => {
    it('should require both PANDIUM_ACCOUNT and PANDIUM_SHARED_SECRET, each named once', () => {
      const error = loadError({ NODE_ENV: 'production' });

      expect(error.message).toMatch(/^Invalid Pandium environment variables:/);
      expect(error.problems).toEqual([
        'PANDIUM_ACCOUNT is required when NODE_ENV=production',
        'PANDIUM_SHARED_SECRET is required when NODE_ENV=production',
      ]);
      expect(warn).not.toHaveBeenCalled();
    });

    it('should never make up a secret or an account', () => {
      expect(
        loadError({ NODE_ENV: 'production', PANDIUM_ACCOUNT: 'acme' }).problems,
      ).toEqual(['PANDIUM_SHARED_SECRET is required when NODE_ENV=production']);
      expect(
        loadError({ NODE_ENV: 'production', PANDIUM_SHARED_SECRET: SECRET })
          .problems,
      ).toEqual(['PANDIUM_ACCOUNT is required when NODE_ENV=production']);
    });

    it('should accept a complete environment', () => {
      const options = loadPandiumEnvironment({
        NODE_ENV: 'production',
        PANDIUM_ACCOUNT: 'acme',
        PANDIUM_SHARED_SECRET: SECRET,
      });

      expect(options).toEqual({
        account: 'acme',
        sharedSecret: expect.any(PandiumSecret),
      });
      expect(options.sharedSecret.reveal()).toBe(SECRET);
    });
  });

  describe('with valid variables', () => {
    it('should map each variable to its option, with the TTL as a number', () => {
      const options = loadPandiumEnvironment({
        NODE_ENV: 'production',
        PANDIUM_ACCOUNT: 'acme',
        PANDIUM_ENVIRONMENT: 'production',
        PANDIUM_BASE_URL: 'https://imp.pandium.io',
        PANDIUM_SHARED_SECRET: SECRET,
        PANDIUM_TOKEN_TTL_SECONDS: '120',
        PANDIUM_LAUNCH_TICKET_TTL_SECONDS: '45',
      });

      expect(options).toEqual({
        account: 'acme',
        environment: 'production',
        baseUrl: 'https://imp.pandium.io',
        tokenTtlSeconds: 120,
        launchTicketTtlSeconds: 45,
        sharedSecret: expect.any(PandiumSecret),
      });
      expect(options.sharedSecret.reveal()).toBe(SECRET);
    });

    it('should treat empty variables as unset', () => {
      const options = loadPandiumEnvironment({
        PANDIUM_ACCOUNT: 'acme',
        PANDIUM_ENVIRONMENT: '',
        PANDIUM_BASE_URL: '',
        PANDIUM_SHARED_SECRET: SECRET,
        PANDIUM_ALLOW_SHORT_SECRET: '',
        PANDIUM_TOKEN_TTL_SECONDS: '',
        PANDIUM_LAUNCH_TICKET_TTL_SECONDS: '',
      });

      expect(options).toEqual({
        account: 'acme',
        sharedSecret: expect.any(PandiumSecret),
      });
      expect(options.sharedSecret.reveal()).toBe(SECRET);
    });

    it('should treat an empty account and secret as missing in production', () => {
      const error = loadError({
        NODE_ENV: 'production',
        PANDIUM_ACCOUNT: '',
        PANDIUM_SHARED_SECRET: '',
      });

      expect(error.problems).toEqual([
        'PANDIUM_ACCOUNT is required when NODE_ENV=production',
        'PANDIUM_SHARED_SECRET is required when NODE_ENV=production',
      ]);
    });

    it('should treat an empty secret as unset outside production', () => {
      const options = loadPandiumEnvironment({ PANDIUM_SHARED_SECRET: '' });

      expect(options.sharedSecret.reveal()).not.toBe('');
      expect(warn).toHaveBeenCalledTimes(1);
    });
  });

  describe('sharedSecret on the returned options', () => {
    it.each([
      ['set in the environment', { PANDIUM_SHARED_SECRET: SECRET }],
      ['made up outside production', {}],
    ])(
      'should be a PandiumSecret that survives spreading and never shows when %s',
      (_case, env: NodeJS.ProcessEnv) => {
        const options = loadPandiumEnvironment(env);
        const secret = options.sharedSecret.reveal();

        expect(options.sharedSecret).toBeInstanceOf(PandiumSecret);
        expect(secret.length).toBeGreaterThanOrEqual(32);
        for (const shown of visibleForms(options)) {
          expect(shown).not.toContain(secret);
        }
        expect(String(options.sharedSecret)).toBe('[redacted]');
        expect({ ...options }.sharedSecret.reveal()).toBe(secret);
        expect(Object.assign({}, options).sharedSecret.reveal()).toBe(secret);
      },
    );

    it('should still be accepted by the module, secret included', () => {
      const options = loadPandiumEnvironment({
        PANDIUM_ACCOUNT: 'acme',
        PANDIUM_SHARED_SECRET: SECRET,
        PANDIUM_TOKEN_TTL_SECONDS: '60',
      });

      const resolved = resolvePandiumEmbedOptions(options);

      expect(resolved.sharedSecret.reveal()).toBe(SECRET);
      expect(resolved.account).toBe('acme');
      expect(resolved.tokenTtlSeconds).toBe(60);
    });
  });

  describe('PANDIUM_ALLOW_SHORT_SECRET', () => {
    it('should refuse a short PANDIUM_SHARED_SECRET when unset, naming the variable but not the value', () => {
      const error = loadError({ PANDIUM_SHARED_SECRET: SHORT_SECRET });

      expect(error.problems).toEqual([
        expect.stringMatching(
          /^PANDIUM_SHARED_SECRET must be at least 32 bytes/,
        ),
      ]);
      expect(error.message).not.toContain(SHORT_SECRET);
    });

    it('should point to PANDIUM_ALLOW_SHORT_SECRET, the variable to set, rather than the option name', () => {
      const [problem] = loadError({
        PANDIUM_SHARED_SECRET: SHORT_SECRET,
      }).problems;

      expect(problem).toContain('PANDIUM_ALLOW_SHORT_SECRET');
      expect(problem).not.toMatch(/\ballowShortSecret\b/);
    });

    it('should refuse a short secret when it is false', () => {
      const error = loadError({
        PANDIUM_SHARED_SECRET: SHORT_SECRET,
        PANDIUM_ALLOW_SHORT_SECRET: 'false',
      });

      expect(error.problems).toEqual([
        expect.stringMatching(
          /^PANDIUM_SHARED_SECRET must be at least 32 bytes/,
        ),
      ]);
    });

    it('should accept a short secret when it is true, and say so in the options', () => {
      const options = loadPandiumEnvironment({
        NODE_ENV: 'production',
        PANDIUM_ACCOUNT: 'acme',
        PANDIUM_SHARED_SECRET: SHORT_SECRET,
        PANDIUM_ALLOW_SHORT_SECRET: 'true',
      });

      expect(options).toEqual({
        account: 'acme',
        allowShortSecret: true,
        sharedSecret: expect.any(PandiumSecret),
      });
      expect(options.sharedSecret.reveal()).toBe(SHORT_SECRET);
      const resolved = resolvePandiumEmbedOptions(options);
      expect(resolved.allowShortSecret).toBe(true);
      expect(resolved.sharedSecret.reveal()).toBe(SHORT_SECRET);
    });

    it('should leave allowShortSecret out when it is false', () => {
      const options = loadPandiumEnvironment({
        PANDIUM_SHARED_SECRET: SECRET,
        PANDIUM_ALLOW_SHORT_SECRET: 'false',
      });

      expect(options).not.toHaveProperty('allowShortSecret');
      expect(resolvePandiumEmbedOptions(options).allowShortSecret).toBe(false);
    });

    it.each(['yes', 'TRUE', '1', ' true', 'true\n'])(
      'should name PANDIUM_ALLOW_SHORT_SECRET when it is %j, and not take it as true',
      (value) => {
        const error = loadError({
          PANDIUM_SHARED_SECRET: SHORT_SECRET,
          PANDIUM_ALLOW_SHORT_SECRET: value,
        });

        expect(error.problems).toEqual(
          expect.arrayContaining([
            'PANDIUM_ALLOW_SHORT_SECRET must be true or false',
            expect.stringMatching(
              /^PANDIUM_SHARED_SECRET must be at least 32 bytes/,
            ),
          ]),
        );
        expect(error.problems).toHaveLength(2);
        expect(error.message).not.toContain(SHORT_SECRET);
      },
    );
  });

  describe('a secret with surrounding white space', () => {
    it.each([
      ['a trailing newline', `${SECRET}\n`],
      ['a trailing CRLF', `${SECRET}\r\n`],
      ['a leading space', ` ${SECRET}`],
    ])(
      'should name PANDIUM_SHARED_SECRET for %s, mention white space and never show the value',
      (_case, secret) => {
        const error = loadError({
          NODE_ENV: 'production',
          PANDIUM_ACCOUNT: 'acme',
          PANDIUM_SHARED_SECRET: secret,
        });

        expect(error.problems).toHaveLength(1);
        expect(error.problems[0]).toMatch(
          /^PANDIUM_SHARED_SECRET has leading or trailing white space/,
        );
        expect(error.problems[0]).toMatch(/not trimmed/);
        expect(error.message).not.toContain(SECRET);
        expect(inspect(error)).not.toContain(SECRET);
      },
    );

    it('should be refused even with PANDIUM_ALLOW_SHORT_SECRET=true', () => {
      const error = loadError({
        PANDIUM_SHARED_SECRET: `${SHORT_SECRET}\n`,
        PANDIUM_ALLOW_SHORT_SECRET: 'true',
      });

      expect(error.problems).toEqual([
        expect.stringMatching(
          /^PANDIUM_SHARED_SECRET has leading or trailing white space/,
        ),
      ]);
    });
  });

  describe('with a bad value', () => {
    it.each([
      ['PANDIUM_TOKEN_TTL_SECONDS', 'abc'],
      ['PANDIUM_TOKEN_TTL_SECONDS', '0'],
      ['PANDIUM_TOKEN_TTL_SECONDS', '9999'],
      ['PANDIUM_TOKEN_TTL_SECONDS', '1.5'],
      ['PANDIUM_TOKEN_TTL_SECONDS', '-5'],
      ['PANDIUM_LAUNCH_TICKET_TTL_SECONDS', 'soon'],
      ['PANDIUM_LAUNCH_TICKET_TTL_SECONDS', '4'],
      ['PANDIUM_LAUNCH_TICKET_TTL_SECONDS', '301'],
      ['PANDIUM_ENVIRONMENT', 'staging'],
      ['PANDIUM_BASE_URL', 'http://evil.example'],
      ['PANDIUM_BASE_URL', 'https://imp.pandium.io?'],
      ['PANDIUM_ACCOUNT', 'a/b'],
      ['PANDIUM_ALLOW_SHORT_SECRET', 'yes'],
      ['PANDIUM_SHARED_SECRET', SHORT_SECRET],
      ['PANDIUM_SHARED_SECRET', `${SECRET}\n`],
    ])('should name %s when it is %j, once', (variable, value) => {
      const error = loadError({
        PANDIUM_SHARED_SECRET: SECRET,
        [variable]: value,
      });

      expect(error.message).toMatch(/^Invalid Pandium environment variables:/);
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(new RegExp(`^${variable} `));
      expect(error.message).not.toMatch(
        /- (account|environment|baseUrl|sharedSecret|allowShortSecret|tokenTtlSeconds|launchTicketTtlSeconds) /,
      );
    });

    it('should list every bad variable at once', () => {
      const error = loadError({
        NODE_ENV: 'production',
        PANDIUM_ENVIRONMENT: 'staging',
        PANDIUM_BASE_URL: 'http://evil.example',
        PANDIUM_ALLOW_SHORT_SECRET: 'maybe',
        PANDIUM_TOKEN_TTL_SECONDS: 'abc',
      });

      expect(error.problems.map((problem) => problem.split(' ')[0])).toEqual(
        expect.arrayContaining([
          'PANDIUM_ACCOUNT',
          'PANDIUM_SHARED_SECRET',
          'PANDIUM_ENVIRONMENT',
          'PANDIUM_BASE_URL',
          'PANDIUM_ALLOW_SHORT_SECRET',
          'PANDIUM_TOKEN_TTL_SECONDS',
        ]),
      );
      expect(error.problems).toHaveLength(6);
    });

    it.each([
      ['too short', SHORT_SECRET],
      ['with a trailing newline', `${SECRET}\n`],
    ])(
      'should never put a secret that is %s in the message beside other problems',
      (_case, secret) => {
        const error = loadError({
          PANDIUM_SHARED_SECRET: secret,
          PANDIUM_ACCOUNT: 'a/b',
          PANDIUM_TOKEN_TTL_SECONDS: '0',
        });

        expect(error.problems).toHaveLength(3);
        expect(error.message).not.toContain(secret.trim());
        expect(inspect(error)).not.toContain(secret.trim());
      },
    );

    it('should never put the secret in the message', () => {
      const error = loadError({
        PANDIUM_SHARED_SECRET: SECRET,
        PANDIUM_ACCOUNT: `${SECRET}/x`,
        PANDIUM_ENVIRONMENT: SECRET,
        PANDIUM_TOKEN_TTL_SECONDS: SECRET,
      });

      expect(error.problems).toHaveLength(3);
      expect(error.message).not.toContain(SECRET);
    });
  });
});

describe('pandiumConfig', () => {
  const PANDIUM_OPTIONS = 'TEST:PANDIUM_OPTIONS';
  const saved: Partial<Record<string, string>> = {};

  beforeEach(() => {
    for (const name of PANDIUM_VARIABLES) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
  });

  afterEach(() => {
    for (const name of PANDIUM_VARIABLES) {
      if (saved[name] === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = saved[name];
      }
    }
  });

  it('should be the pandium namespace', () => {
    expect(pandiumConfig.KEY).toBe('CONFIGURATION(pandium)');
  });

  it('should provide the environment’s options through asProvider() beside ConfigModule.forRoot()', async () => {
    process.env.PANDIUM_ACCOUNT = 'acme';
    process.env.PANDIUM_SHARED_SECRET = SECRET;
    process.env.PANDIUM_ENVIRONMENT = 'demo';
    process.env.PANDIUM_TOKEN_TTL_SECONDS = '60';
    const { imports, ...provider } = pandiumConfig.asProvider();

    @Module({
      imports,
      providers: [{ provide: PANDIUM_OPTIONS, ...provider }],
      exports: [PANDIUM_OPTIONS],
    })
    class PandiumOptionsModule {}

    @Injectable()
    class Consumer {
      constructor(
        @Inject(PANDIUM_OPTIONS) readonly options: PandiumEmbedModuleOptions,
      ) {}
    }

    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(), PandiumOptionsModule],
      providers: [Consumer],
    }).compile();

    const expected = {
      account: 'acme',
      environment: 'demo',
      tokenTtlSeconds: 60,
    };
    const { options } = moduleRef.get(Consumer);
    expect(options).toEqual({
      ...expected,
      sharedSecret: expect.any(PandiumSecret),
    });
    expect((options.sharedSecret as PandiumSecret).reveal()).toBe(SECRET);
    expect(moduleRef.get(pandiumConfig.KEY)).toEqual({
      ...expected,
      sharedSecret: expect.any(PandiumSecret),
    });
    expect(moduleRef.get(ConfigService).get('pandium.account')).toBe('acme');
    await moduleRef.close();
  });

  it('should give options the module resolves, without showing the secret in the config namespace', async () => {
    process.env.PANDIUM_ACCOUNT = 'acme';
    process.env.PANDIUM_SHARED_SECRET = SECRET;
    const { imports, ...provider } = pandiumConfig.asProvider();

    @Module({
      imports,
      providers: [{ provide: PANDIUM_OPTIONS, ...provider }],
      exports: [PANDIUM_OPTIONS],
    })
    class PandiumOptionsModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(), PandiumOptionsModule],
    }).compile();

    const options = moduleRef.get<PandiumEmbedModuleOptions>(PANDIUM_OPTIONS);
    expect(resolvePandiumEmbedOptions(options).sharedSecret.reveal()).toBe(
      SECRET,
    );
    for (const shown of visibleForms(moduleRef.get(pandiumConfig.KEY))) {
      expect(shown).not.toContain(SECRET);
    }
    await moduleRef.close();
  });

  it('should stop compilation when PANDIUM_SHARED_SECRET is short', async () => {
    process.env.PANDIUM_SHARED_SECRET = SHORT_SECRET;
    const { imports, ...provider } = pandiumConfig.asProvider();

    @Module({
      imports,
      providers: [{ provide: PANDIUM_OPTIONS, ...provider }],
    })
    class PandiumOptionsModule {}

    const compiling = Test.createTestingModule({
      imports: [ConfigModule.forRoot(), PandiumOptionsModule],
    }).compile();

    await expect(compiling).rejects.toThrow(
      /PANDIUM_SHARED_SECRET must be at least 32 bytes/,
    );
  });

  it('should stop compilation when the environment is invalid', async () => {
    process.env.NODE_ENV = 'production';
    const { imports, ...provider } = pandiumConfig.asProvider();

    @Module({
      imports,
      providers: [{ provide: PANDIUM_OPTIONS, ...provider }],
    })
    class PandiumOptionsModule {}

    const compiling = Test.createTestingModule({
      imports: [ConfigModule.forRoot(), PandiumOptionsModule],
    }).compile();

    await expect(compiling).rejects.toBeInstanceOf(PandiumOptionsError);
    await expect(compiling).rejects.toThrow(
      /PANDIUM_ACCOUNT[\s\S]*PANDIUM_SHARED_SECRET/,
    );
  });

  describe('in PandiumEmbedModule.forRootAsync with a static catalog', () => {
    const integrations: PandiumIntegration[] = [
      { id: '1042', name: 'gwt2hs', connectorName: 'gwt' },
    ];
    const strategies = {
      claimsProvider: {
        useValue: {
          getClaims: () => ({
            sub: 'user-1',
            ti: { udn: 'Acme', ufn: 'Ada', uem: 'ada@acme.test' },
          }),
        },
      },
      tokenProvider: { useValue: { getToken: () => 'connector-token' } },
      controller: false,
    } as const;

    /** Boots the module, signs an install URL for 1042 and checks it with the environment's secret. */
    async function signsWithTheEnvironmentSecret(
      registration: ReturnType<typeof PandiumEmbedModule.forRootAsync>,
    ): Promise<void> {
      process.env.PANDIUM_ACCOUNT = 'acme';
      process.env.PANDIUM_SHARED_SECRET = SECRET;
      const moduleRef = await Test.createTestingModule({
        imports: [ConfigModule.forRoot(), registration],
      }).compile();
      try {
        const { url } = await moduleRef
          .get(PandiumEmbedService)
          .createInstallUrl({}, '1042');

        expect(url).toMatch(
          /^https:\/\/imp\.sandbox\.pandium\.com\/acme\/tenants\/create\/1042\?tenant=/,
        );
        await expect(
          verifyPandiumToken(tenantTokenOf(url), SECRET),
        ).resolves.toBeDefined();
      } finally {
        await moduleRef.close();
      }
    }

    it('should boot and sign when useFactory spreads the config over asProvider()', async () => {
      await signsWithTheEnvironmentSecret(
        PandiumEmbedModule.forRootAsync({
          ...pandiumConfig.asProvider(),
          useFactory: (pandium: ConfigType<typeof pandiumConfig>) => ({
            ...pandium,
            integrations,
          }),
          ...strategies,
        }),
      );
    });

    it('should boot and sign when useFactory injects pandiumConfig.KEY and uses Object.assign', async () => {
      await signsWithTheEnvironmentSecret(
        PandiumEmbedModule.forRootAsync({
          imports: [ConfigModule.forFeature(pandiumConfig)],
          inject: [pandiumConfig.KEY],
          useFactory: (pandium: ConfigType<typeof pandiumConfig>) =>
            Object.assign({}, pandium, { integrations }),
          ...strategies,
        }),
      );
    });
  });
});
