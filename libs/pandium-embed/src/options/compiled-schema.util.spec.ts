import { describe, expect, it } from '@jest/globals';
import { instanceToPlain } from 'class-transformer';
import { compileSchema } from './compiled-schema.util.js';
import { parseWith } from './validation-problems.util.js';
import { PandiumCatalogDto } from '../core/pandium-integration.dto.js';
import {
  ConnectorTokenDto,
  PandiumUserClaimsDto,
} from '../signing/pandium-user-claims.dto.js';

const ti = {
  udn: 'Acme Corp',
  ufn: 'Alice Example',
  uem: 'alice@acme.test',
  ili: ['acme-1'],
  aid: 'acct-7',
  adn: 'Acme',
  xti: { user_tier: 'gold', nested: { list: [1, true, null] } },
};
const withTi = (extra: Record<string, unknown>): unknown => ({
  sub: 'user-alice',
  ti: { ...ti, ...extra },
});
const entry = {
  id: '1042',
  name: 'netsuite-orders',
  connectorName: 'netsuite',
};

const claims: unknown[] = [
  { sub: 'user-alice', ti },
  { sub: 'user-alice', ti: { udn: 'a', ufn: 'b', uem: 'c@d.test' } },
  withTi({ ili: undefined, aid: null }),
  { ti },
  { sub: '', ti },
  { sub: 7, ti },
  { sub: 'user-alice' },
  { sub: 'user-alice', ti: 'tenant' },
  { sub: 'user-alice', ti: [ti] },
  { sub: 'user-alice', ti: null },
  withTi({ uem: 'not-an-email' }),
  withTi({ udn: 'u'.repeat(300) }),
  withTi({ ili: Array.from({ length: 101 }, (_, i) => `id-${i}`) }),
  withTi({ ili: ['', 3] }),
  withTi({ ili: 'acme-1' }),
  withTi({ xti: { token: 'forged' } }),
  withTi({ xti: { run: () => 1 } }),
  withTi({ xti: { 'bad key': 1 } }),
  withTi({ xti: { blob: 'x'.repeat(5 * 1024) } }),
  withTi({ xti: [] }),
  withTi({ role: 'admin' }),
  { sub: 'user-alice', ti, iss: 'me' },
  {},
];
const tokens: unknown[] = [
  'conn-token',
  '',
  987654321,
  'with space',
  'line\nbreak',
  't'.repeat(5000),
  undefined,
  null,
];
const catalogs: unknown[] = [
  [entry],
  [],
  [{ ...entry, displayName: 'NetSuite', ownerId: 'u-1' }],
  [{ ...entry, displayName: null }],
  [entry, { ...entry, name: 'other' }],
  [{ ...entry, id: '..' }],
  [{ ...entry, id: 'a/b' }],
  [{ ...entry, name: '' }],
  [{ ...entry, connectorName: 3 }],
  [entry, 'not-an-entry'],
  [entry, null],
  [[entry]],
  { integrations: [entry] },
  'catalog',
  undefined,
];

describe('compileSchema', () => {
  it.each<[string, new () => object, unknown[], boolean]>([
    ['claims', PandiumUserClaimsDto, claims, false],
    [
      'connector tokens',
      ConnectorTokenDto,
      tokens.map((token) => ({ token })),
      false,
    ],
    [
      'catalogs',
      PandiumCatalogDto,
      catalogs.map((integrations) => ({ integrations })),
      true,
    ],
  ])(
    'should judge %s as parseWith does, with the same problems',
    (_, schema, inputs, allowUnknownKeys) => {
      const parse = compileSchema(schema, { allowUnknownKeys });
      for (const input of inputs) {
        const expected = parseWith(schema, input, { allowUnknownKeys });
        const actual = parse(input);

        expect(actual.problems).toEqual(expected.problems);
        if (expected.value !== undefined) {
          expect(actual.value).toEqual(instanceToPlain(expected.value));
        }
      }
    },
  );

  it('should answer a valid input with a plain copy, without class-validator', () => {
    const parse = compileSchema(PandiumUserClaimsDto);
    const input = { sub: 'user-alice', ti };

    const { value } = parse(input);

    expect(value).not.toBeInstanceOf(PandiumUserClaimsDto);
    expect(value).toStrictEqual(input);
    expect(value?.ti).not.toBe(ti);
    expect(value?.ti.xti).not.toBe(ti.xti);
  });

  it('should leave unknown keys out of the copy when they are allowed', () => {
    const parse = compileSchema(PandiumCatalogDto, { allowUnknownKeys: true });

    const { value } = parse({ integrations: [{ ...entry, ownerId: 'u-1' }] });

    expect(value).toStrictEqual({ integrations: [entry] });
  });

  describe('with own keys named after Object.prototype members', () => {
    const parse = compileSchema(PandiumUserClaimsDto);

    it.each([
      'constructor',
      'toString',
      'valueOf',
      'hasOwnProperty',
      '__proto__',
      '__defineGetter__',
      'isPrototypeOf',
    ])('should refuse xti.%s, naming the field, without throwing', (key) => {
      // JSON.parse makes an own key of any name, `__proto__` included.
      const xti = JSON.parse(`{"${key}": "x", "user_tier": "gold"}`);

      const { value, problems } = parse({
        sub: 'user-alice',
        ti: { ...ti, xti },
      });

      expect(value).toBeUndefined();
      expect(problems).toEqual([
        {
          path: `ti.xti.${key}`,
          message: expect.stringContaining(
            'is named after a member of Object.prototype',
          ),
        },
      ]);
    });

    it('should refuse one deep in an xti value, and name the other problems too', () => {
      const xti = JSON.parse('{"list": [{"constructor": {}}]}');

      const { problems } = parse({
        sub: '',
        ti: { ...ti, xti },
      });

      expect(problems.map(({ path }) => path)).toEqual([
        'ti.xti.list.0.constructor',
        'sub',
      ]);
    });

    it("should refuse one among a catalog entry's own fields, though other unknown keys are allowed", () => {
      const parseCatalog = compileSchema(PandiumCatalogDto, {
        allowUnknownKeys: true,
      });

      const { problems } = parseCatalog({
        integrations: [
          entry,
          { ...entry, id: '7', constructor: 'Integration' },
        ],
      });

      expect(problems).toEqual([
        {
          path: 'integrations.1.constructor',
          message: expect.stringContaining('Object.prototype'),
        },
      ]);
    });

    it('should refuse a connector token that is an object with one, saying it must be a string', () => {
      const { problems } = compileSchema(ConnectorTokenDto)({
        token: { constructor: 'x' },
      });

      expect(problems.map(({ path }) => path)).toEqual([
        'token.constructor',
        'token',
        'token',
        'token',
      ]);
    });
  });

  it('should answer a problem, not throw, when reading the input throws', () => {
    const parse = compileSchema(PandiumUserClaimsDto);
    const input = {
      get sub(): string {
        throw new TypeError('directory connection lost');
      },
      ti,
    };

    expect(parse(input)).toEqual({
      value: undefined,
      problems: [
        {
          path: '(root)',
          message:
            'could not be checked (TypeError: directory connection lost)',
        },
      ],
    });
  });
});
