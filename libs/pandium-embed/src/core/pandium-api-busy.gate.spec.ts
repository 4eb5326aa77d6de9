import { PandiumTestClock } from '../testing/pandium-test.clock.js';
import {
  PandiumApiBusyGate,
  parseRetryAfter,
} from './pandium-api-busy.gate.js';

const NOW = Date.UTC(2030, 0, 2, 3, 4, 5);

describe('parseRetryAfter', () => {
  it.each<[string | null, number]>([
    ['30', 30],
    [' 7 ', 7],
    ['0', 1],
    ['301', 300],
    [new Date(NOW + 90_000).toUTCString(), 90],
    [new Date(NOW - 90_000).toUTCString(), 1],
    [new Date(NOW + 86_400_000).toUTCString(), 300],
    [null, 10],
    ['', 10],
    ['soon', 10],
    ['-5', 10],
    ['1.5', 10],
  ])('should read %p as %i s', (value, seconds) => {
    expect(parseRetryAfter(value, NOW)).toBe(seconds);
  });
});

describe('PandiumApiBusyGate', () => {
  it('should be open until closed, then give the whole seconds left until it opens', () => {
    const clock = new PandiumTestClock(NOW);
    const gate = new PandiumApiBusyGate(clock);
    expect(gate.secondsLeft()).toBeUndefined();
    gate.close(10);
    expect(gate.secondsLeft()).toBe(10);
    clock.advance(9001);
    expect(gate.secondsLeft()).toBe(1);
    clock.advance(999);
    expect(gate.secondsLeft()).toBeUndefined();
  });

  it('should never shorten a longer wait already in force', () => {
    const clock = new PandiumTestClock(NOW);
    const gate = new PandiumApiBusyGate(clock);
    gate.close(60);
    gate.close(5);
    expect(gate.secondsLeft()).toBe(60);
  });
});
