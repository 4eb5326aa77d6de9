import { inspect } from 'node:util';
import { resolvePandiumEmulatorOptions } from './pandium-emulator.options.js';
import type { PandiumEmulatorAppSettings } from './pandium-emulator-options.interface.js';

const SECRET = 'emulator-spec-shared-secret-0123456789abcd';
const API_KEY = 'emulator-spec-api-key';

const OPTIONS: PandiumEmulatorAppSettings = {
  account: 'acme',
  sharedSecret: SECRET,
  hostOrigin: 'http://localhost:3000/',
  apiKey: API_KEY,
};

describe('resolvePandiumEmulatorOptions', () => {
  describe('with good options', () => {
    it('should apply the defaults: three sample integrations in the REST API shape, 30 s of skew', () => {
      const resolved = resolvePandiumEmulatorOptions(OPTIONS, {});

      expect(resolved.hostOrigin).toBe('http://localhost:3000');
      expect(resolved.clockSkewSeconds).toBe(30);
      expect(resolved.maxRememberedJtis).toBe(10_000);
      expect(resolved.integrations.map(({ id, name }) => [id, name])).toEqual([
        [1042, 'gwt2hs'],
        [2318, 'netsuite-orders'],
        [3107, 'shopify-sync'],
      ]);
      expect(resolved.integrations[0]).toEqual({
        id: 1042,
        name: 'gwt2hs',
        long_name: 'GWT to HubSpot',
        connectors: [{ name: 'gwt' }],
      });
    });

    it('should take integrations in the library shape, list them by id, and make an API key when none is given', () => {
      const resolved = resolvePandiumEmulatorOptions(
        {
          ...OPTIONS,
          apiKey: undefined,
          integrations: [
            { id: '77', name: 'b', connectorName: 'cb' },
            { id: '5', name: 'a', connectorName: 'ca', displayName: 'A' },
          ],
        },
        {},
      );

      expect(resolved.integrations).toEqual([
        { id: 5, name: 'a', long_name: 'A', connectors: [{ name: 'ca' }] },
        { id: 77, name: 'b', long_name: null, connectors: [{ name: 'cb' }] },
      ]);
      expect(resolved.apiKey).toMatch(/^[\w-]{32}$/);
    });

    it('should keep the secret and the API key out of any dump of the options', () => {
      const resolved = resolvePandiumEmulatorOptions(OPTIONS, {});

      expect(resolved.sharedSecret).toBe(SECRET);
      expect(resolved.apiKey).toBe(API_KEY);
      const dump = `${JSON.stringify(resolved)} ${inspect(resolved)}`;
      expect(dump).not.toContain(SECRET);
      expect(dump).not.toContain(API_KEY);
    });
  });

  describe('in production', () => {
    it('should refuse to run, whatever the options', () => {
      expect(() =>
        resolvePandiumEmulatorOptions(OPTIONS, { NODE_ENV: 'production' }),
      ).toThrow(/does not run when NODE_ENV=production/);
    });
  });

  describe('with bad options', () => {
    it('should name every bad option and never print a secret', () => {
      const resolve = () =>
        resolvePandiumEmulatorOptions(
          {
            account: '',
            sharedSecret: '',
            hostOrigin: 'localhost:3000',
            apiKey: `${API_KEY}\n`,
            integrations: [
              { id: '1', name: 'a', connectorName: 'c' },
              { id: '01', name: 'b', connectorName: 'c' },
            ],
            clockSkewSeconds: 3600,
            secret: SECRET,
          } as PandiumEmulatorAppSettings,
          {},
        );

      expect(resolve).toThrow(/account must be 1–128 characters/);
      expect(resolve).toThrow(/sharedSecret must be the non-empty secret/);
      expect(resolve).toThrow(/hostOrigin must be an http\(s\) origin/);
      expect(resolve).toThrow(
        /apiKey must be a non-empty string without white space/,
      );
      expect(resolve).toThrow(/integrations item 2: id 01 is listed twice/);
      expect(resolve).toThrow(/clockSkewSeconds must be from 0 to 300/);
      expect(resolve).toThrow(/property secret should not exist/);
      expect(resolve).not.toThrow(SECRET);
      expect(resolve).not.toThrow(API_KEY);
    });
  });
});
