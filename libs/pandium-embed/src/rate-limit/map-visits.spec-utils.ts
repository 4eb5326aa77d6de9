// Test code (excluded from the build): counts how many Map entries a store's call visits, so that specs can assert
// the work one call does (a count) rather than how long it takes.

/** The prototype every Map iterator (`for…of`, `entries`, `keys`, `values`, spread) takes `next` from. */
const MAP_ITERATOR_PROTOTYPE = Object.getPrototypeOf(new Map().entries()) as {
  next: (this: Iterator<unknown>) => IteratorResult<unknown>;
};

type MapForEach = (
  this: Map<unknown, unknown>,
  callback: (value: unknown, key: unknown, map: Map<unknown, unknown>) => void,
  thisArg?: unknown,
) => void;

/**
 * Runs `work` synchronously and answers how many Map entries it visited by iterating any Map (one per entry a
 * `for…of`, `keys()`, `values()`, `entries()` or `forEach` reached). `get`, `set`, `has` and `delete` are not
 * visits: they touch one entry. Only synchronous work is seen, which is all an in-memory store does per call.
 */
export function countMapVisits<T>(work: () => T): {
  result: T;
  visits: number;
} {
  const next = MAP_ITERATOR_PROTOTYPE.next;
  const forEach = Reflect.get(Map.prototype, 'forEach') as MapForEach;
  let visits = 0;
  MAP_ITERATOR_PROTOTYPE.next = function (this: Iterator<unknown>) {
    const step = next.call(this);
    if (step.done !== true) {
      visits += 1;
    }
    return step;
  };
  const counted: MapForEach = function (callback, thisArg) {
    forEach.call(this, (value, key, map) => {
      visits += 1;
      callback.call(thisArg, value, key, map);
    });
  };
  Map.prototype.forEach = counted;
  try {
    const result = work();
    return { result, visits };
  } finally {
    MAP_ITERATOR_PROTOTYPE.next = next;
    Map.prototype.forEach = forEach;
  }
}

/** What {@link tallyMapVisits} has seen so far. */
export interface MapVisitTally {
  /** Calls made. */
  calls: number;
  /** Map entries visited by all of them. */
  visits: number;
  /** The most entries one call visited. */
  mostVisits: number;
}

/**
 * Wraps `target[method]` (an own property is set on the instance) so that every call counts its Map visits into the
 * tally it answers: the per-call work of a store used inside a running app.
 */
export function tallyMapVisits<M extends string>(
  target: { [name in M]: (...args: never[]) => unknown },
  method: M,
): MapVisitTally {
  const tally: MapVisitTally = { calls: 0, visits: 0, mostVisits: 0 };
  const original = target[method].bind(target) as (
    ...args: unknown[]
  ) => unknown;
  Object.defineProperty(target, method, {
    configurable: true,
    value: (...args: unknown[]) => {
      const { result, visits } = countMapVisits(() => original(...args));
      tally.calls += 1;
      tally.visits += visits;
      tally.mostVisits = Math.max(tally.mostVisits, visits);
      return result;
    },
  });
  return tally;
}
