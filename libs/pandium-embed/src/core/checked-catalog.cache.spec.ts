import { CheckedCatalogCache } from './checked-catalog.cache.js';
import {
  netsuite,
  shopify,
} from '../testing/support/pandium-embed.spec-utils.js';

const frozen = <T extends object>(entries: T[]): readonly T[] =>
  Object.freeze(entries.map((entry) => Object.freeze({ ...entry })));

describe('CheckedCatalogCache', () => {
  it('should check a frozen array of frozen entries once, answering the same result after', () => {
    const cache = new CheckedCatalogCache();
    const output = frozen([netsuite, shopify]);

    const first = cache.check(output);
    const second = cache.check(output);

    expect(first.catalog).toBeDefined();
    expect(second.catalog).toBe(first.catalog);
  });

  it('should find each entry by id, with Pandium fields only', () => {
    const cache = new CheckedCatalogCache();

    const { catalog } = cache.check([{ ...shopify, ownerId: 'u-1' }]);

    expect(catalog?.byId.get(shopify.id)).toStrictEqual(shopify);
    expect(catalog?.byId.get('9999')).toBeUndefined();
  });

  it.each<[string, () => unknown[]]>([
    ['an array that is not frozen', () => [{ ...netsuite }]],
    [
      'a frozen array whose entries are not',
      () => Object.freeze([{ ...netsuite }]) as unknown[],
    ],
  ])('should check %s again on every call', (_, make) => {
    const cache = new CheckedCatalogCache();
    const output = make();

    const first = cache.check(output);

    expect(cache.check(output).catalog).not.toBe(first.catalog);
  });

  it('should refuse an entry changed after an earlier check of the same array', () => {
    const cache = new CheckedCatalogCache();
    const output = Object.freeze([{ ...netsuite }]);
    expect(cache.check(output).catalog).toBeDefined();

    output[0].id = 'a/b';

    expect(cache.check(output)).toMatchObject({
      catalog: undefined,
      problems: [{ path: 'integrations.0.id' }],
    });
  });

  it('should answer frozen entries, so a shared result cannot be changed', () => {
    const { catalog } = new CheckedCatalogCache().check(frozen([netsuite]));

    expect(Object.isFrozen(catalog?.integrations[0])).toBe(true);
  });
});
