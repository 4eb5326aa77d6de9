import { PandiumEmbedError } from './pandium-embed.error.js';
import { PandiumOptionsError } from './pandium-options.error.js';

describe('PandiumOptionsError', () => {
  describe('invalid', () => {
    it('should list every problem with its field under one prefix', () => {
      const error = PandiumOptionsError.invalid('PandiumEmbedModule options', [
        { path: 'account', message: 'must be your Pandium account slug' },
        { path: 'integrations.1.id', message: 'must be 1–128 letters' },
      ]);

      expect(error.message).toBe(
        'Invalid PandiumEmbedModule options:\n' +
          '  - account must be your Pandium account slug\n' +
          '  - integrations.1.id must be 1–128 letters',
      );
      expect(error.problems).toEqual([
        'account must be your Pandium account slug',
        'integrations.1.id must be 1–128 letters',
      ]);
    });

    it('should be a PandiumEmbedError named PandiumOptionsError', () => {
      const error = PandiumOptionsError.invalid('environment', [
        { path: 'PANDIUM_ACCOUNT', message: 'is required' },
      ]);

      expect(error).toBeInstanceOf(PandiumOptionsError);
      expect(error).toBeInstanceOf(PandiumEmbedError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('PandiumOptionsError');
      expect(String(error)).toMatch(
        /^PandiumOptionsError: Invalid environment:/,
      );
      expect(error.stack).toMatch(/^PandiumOptionsError: /);
    });

    it('should have the code PANDIUM_OPTIONS_INVALID', () => {
      expect(
        PandiumOptionsError.invalid('environment', [
          { path: 'PANDIUM_ACCOUNT', message: 'is required' },
        ]).code,
      ).toBe('PANDIUM_OPTIONS_INVALID');
    });
  });

  describe('duplicateInstanceName', () => {
    it('should name the instance, say how to share one, and have the code PANDIUM_INSTANCE_NAME_DUPLICATE', () => {
      const error = PandiumOptionsError.duplicateInstanceName('emea');

      expect(error.message).toBe(
        'Invalid PandiumEmbedModule options:\n' +
          '  - name: "emea" is registered more than once; give each PandiumEmbedModule instance its own name. ' +
          'To use one instance in several modules, register it once and import that module (or set isGlobal).',
      );
      expect(error.problems).toEqual([
        'name: "emea" is registered more than once; give each PandiumEmbedModule instance its own name',
      ]);
      expect(error.code).toBe('PANDIUM_INSTANCE_NAME_DUPLICATE');
      expect(error.name).toBe('PandiumOptionsError');
    });
  });
});
