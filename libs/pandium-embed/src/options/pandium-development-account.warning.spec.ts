import { Logger } from '@nestjs/common';
import { jest } from '@jest/globals';
import { warnOnDevelopmentAccount } from './pandium-development-account.warning.js';
import { PANDIUM_DEVELOPMENT_ACCOUNT } from './pandium-embed.config.js';
import { resolvePandiumEmbedOptions } from './pandium-embed-options.validator.js';

const SECRET = 'DEV-ACCOUNT-S3CRET-value-for-the-warning-spec';

describe('warnOnDevelopmentAccount', () => {
  let logger: Logger;
  let warn: jest.SpiedFunction<Logger['warn']>;

  beforeEach(() => {
    logger = new Logger('PandiumEmbedModule');
    warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  });

  const optionsWith = (extra: Record<string, unknown>) =>
    resolvePandiumEmbedOptions({
      account: PANDIUM_DEVELOPMENT_ACCOUNT,
      sharedSecret: SECRET,
      ...extra,
    });

  describe('with the development account on one of Pandium’s hosts', () => {
    it.each([
      ['no baseUrl (the sandbox)', {}, 'https://imp.sandbox.pandium.com'],
      ['production', { environment: 'production' }, 'https://imp.pandium.com'],
      [
        'a baseUrl on pandium.io',
        { baseUrl: 'https://imp.pandium.io' },
        'https://imp.pandium.io',
      ],
    ])(
      'should warn once, naming PANDIUM_ACCOUNT and the host, with %s',
      (_case, extra, host) => {
        warnOnDevelopmentAccount(optionsWith(extra), logger);

        expect(warn).toHaveBeenCalledTimes(1);
        const [message] = warn.mock.calls[0] as [string];
        expect(message).toContain('PANDIUM_ACCOUNT');
        expect(message).toContain(PANDIUM_DEVELOPMENT_ACCOUNT);
        expect(message).toContain(host);
        expect(message).not.toContain(SECRET);
      },
    );
  });

  it.each([
    ['the local emulator', { baseUrl: 'http://localhost:4010' }],
    ['a loopback address', { baseUrl: 'http://127.0.0.1:4010/' }],
    ['another host', { baseUrl: 'https://pandium.example.com' }],
    [
      'a host that only ends like Pandium’s',
      { baseUrl: 'https://notpandium.com' },
    ],
  ])('should not warn for %s', (_case, extra) => {
    warnOnDevelopmentAccount(optionsWith(extra), logger);

    expect(warn).not.toHaveBeenCalled();
  });

  it('should not warn for a real account on Pandium', () => {
    warnOnDevelopmentAccount(optionsWith({ account: 'acme' }), logger);

    expect(warn).not.toHaveBeenCalled();
  });

  it('should return the options unchanged', () => {
    const options = optionsWith({});

    expect(warnOnDevelopmentAccount(options, logger)).toBe(options);
  });
});
