import { JtiReplayCache } from './jti-replay.cache.js';

describe('JtiReplayCache', () => {
  const NOW = 1_700_000_000_000;

  describe('checkAndHold', () => {
    it('should say a new jti was not seen, then hold it while it is checked', () => {
      const cache = new JtiReplayCache(10);

      expect(cache.checkAndHold('a', NOW)).toBe(false);
      expect(cache.checkAndHold('a', NOW)).toBe(true);
    });

    it('should let a refused token’s jti be used again once released', () => {
      const cache = new JtiReplayCache(10);
      cache.checkAndHold('a', NOW);

      cache.release('a', NOW);

      expect(cache.checkAndHold('a', NOW)).toBe(false);
      expect(cache.size).toBe(0);
    });

    it('should remember an accepted jti until the given time, then forget it', () => {
      const cache = new JtiReplayCache(10);
      cache.checkAndHold('a', NOW);
      cache.release('a', NOW, NOW + 1000);

      expect(cache.checkAndHold('a', NOW + 999)).toBe(true);
      expect(cache.checkAndHold('a', NOW + 1000)).toBe(false);
    });
  });

  describe('release', () => {
    it('should not remember a jti whose time is already up', () => {
      const cache = new JtiReplayCache(10);
      cache.checkAndHold('a', NOW);

      cache.release('a', NOW, NOW);

      expect(cache.size).toBe(0);
    });

    it('should drop the jtis whose time is up before remembering another', () => {
      const cache = new JtiReplayCache(10);
      for (const [jti, until] of [
        ['a', NOW + 10],
        ['b', NOW + 1000],
      ] as const) {
        cache.checkAndHold(jti, NOW);
        cache.release(jti, NOW, until);
      }

      cache.checkAndHold('c', NOW + 500);
      cache.release('c', NOW + 500, NOW + 2000);

      expect(cache.size).toBe(2);
      expect(cache.checkAndHold('b', NOW + 500)).toBe(true);
      expect(cache.checkAndHold('a', NOW + 500)).toBe(false);
    });

    it('should keep at most maxEntries, forgetting the one remembered first', () => {
      const cache = new JtiReplayCache(3);
      for (const jti of ['a', 'b', 'c', 'd']) {
        cache.checkAndHold(jti, NOW);
        cache.release(jti, NOW, NOW + 60_000);
      }

      expect(cache.size).toBe(3);
      expect(cache.checkAndHold('a', NOW)).toBe(false);
      for (const jti of ['b', 'c', 'd']) {
        expect(cache.checkAndHold(jti, NOW)).toBe(true);
      }
    });
  });
});
