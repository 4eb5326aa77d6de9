// Property-based: thousands of requests of any shape (ids, query strings, headers, bodies, methods,
// Authorization values) against the example app listening on an ephemeral port. Each answer is checked
// against a model of what the app must answer; never a 5xx; and a 200 carries exactly Jane's claims, with
// nothing the request said in them.
//
// The rate limiter (30 signed URLs a minute per user) would turn every later request into a 429. Rather
// than a fixture module registering the example app's pieces with `rateLimit: false`, which would copy
// src/app.module.ts (and drift from it) and take the limiter guard out of the path being fuzzed, the app is
// the real AppModule with only its rate-limit store replaced, through the library's
// PANDIUM_RATE_LIMIT_STORE token, by one that counts every hit and never reaches the limit.
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import type {
  PandiumRateLimitRecord,
  PandiumRateLimitStore,
} from 'pandium-embed/stores';
import type { App } from 'supertest/types.js';
import { FASTIFY_MAX_PARAM_LENGTH } from '../src/http-adapter.js';
import type { HttpAdapterName } from '../src/http-adapter.js';
import {
  createExampleApp,
  DEMO_INTEGRATIONS,
  HTTP_ADAPTERS,
  TEST_ACCOUNT,
  TEST_APP_AUTH_SECRET,
  TEST_PANDIUM_SECRET,
} from './support/example-app.js';
import {
  tenantTokenOf,
  verifyPandiumToken,
} from './support/pandium-token.verifier.js';
import { RawHttpClient } from './support/raw-http.client.js';
import type {
  RawHttpRequest,
  RawHttpResponse,
} from './support/raw-http.client.js';

const RUNS = { installUrl: 6000, marketplaceUrl: 2000, integrations: 2000 };
const TIME_LIMIT_MS = 60_000;

/** Counts every hit and never reaches the limit. */
class UnlimitedRateLimitStore implements PandiumRateLimitStore {
  hits = 0;

  increment(_key: string, ttl: number): Promise<PandiumRateLimitRecord> {
    this.hits += 1;
    return Promise.resolve({ totalHits: 1, timeToExpire: ttl });
  }
}

// ---------------------------------------------------------------------------------------------------
// Jane, as the demo directory describes her.

const JANE = { email: 'jane@acme.test', password: 'pandium-demo' };
const JANE_CATALOG: Record<string, { name: string; connectorName: string }> = {
  '1042': { name: 'gwt2hs', connectorName: 'gwt' },
  '2318': { name: 'netsuite-orders', connectorName: 'netsuite' },
  '3107': { name: 'shopify-sync', connectorName: 'shopify' },
};
/** Jane's plan (growth) has every demo integration. */
const JANE_LISTING = DEMO_INTEGRATIONS;

/** Jane's claims, all but the times, the jti and the connector token. */
function janesClaims(integrationId?: string): Record<string, unknown> {
  const integration =
    integrationId === undefined ? undefined : JANE_CATALOG[integrationId];
  return {
    sub: 'usr_1001',
    ti: {
      udn: 'Acme Corp',
      ufn: 'Jane Doe',
      uem: JANE.email,
      ili: ['org_acme'],
      aid: 'org_acme',
      adn: 'Acme Corp',
      xti: {
        user_group: 'growth',
        hidden_integrations: [],
        ...(integration && {
          connector_name: integration.connectorName,
          integration_name: integration.name,
        }),
        token: expect.any(String),
      },
    },
  };
}

const INTEGRATION_ID_PATTERN = /^(?!\.+$)[A-Za-z0-9._-]{1,128}$/;
const JWT_SHAPE = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

// ---------------------------------------------------------------------------------------------------
// What a request may carry. Values a client could hope to see in a claim: a marker, or someone else's
// identity. None may ever appear in Jane's token.

const MARKER = 'evil-marker';
const OTHER_IDENTITIES = [
  'usr_2001',
  'usr_1002',
  'john@globex.test',
  'raj@acme.test',
  'org_globex',
  'Globex Inc',
  'John Smith',
  'Raj Patel',
];
const poisonArb = fc.oneof(
  fc.nat({ max: 9999 }).map((n) => `${MARKER}-${n}`),
  fc.constantFrom(...OTHER_IDENTITIES),
);
const printableArb = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
const claimKeyArb = fc.oneof(
  fc.constantFrom(
    'sub',
    'ti',
    'ti[uem]',
    'ti[udn]',
    'ti[ufn]',
    'ti[aid]',
    'ti[xti][token]',
    'xti',
    'xti[token]',
    'xti[user_group]',
    'xti[hidden_integrations]',
    'tenant',
    'iat',
    'exp',
    'jti',
    'integrationId',
    'user',
    '__proto__',
    'constructor',
  ),
  fc.stringMatching(/^[a-z_]{1,12}$/),
);

/** Each UTF-8 byte outside the unreserved set as `%XX`. */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9._~-]/.test(char)
        ? char
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** Path segments sent as the id, exactly as they go on the wire. */
const rawIdArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...Object.keys(JANE_CATALOG)) },
  {
    // A catalog id with some characters percent-encoded: the same id once decoded.
    weight: 2,
    arbitrary: fc
      .constantFrom(...Object.keys(JANE_CATALOG))
      .chain((id) =>
        fc
          .array(fc.boolean(), { minLength: id.length, maxLength: id.length })
          .map((encode) =>
            [...id]
              .map((char, index) =>
                encode[index] ? `%${char.charCodeAt(0).toString(16)}` : char,
              )
              .join(''),
          ),
      ),
  },
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9._-]{1,128}$/) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
        fc.constantFrom(
          '\uD800',
          'é',
          'ﬀ',
          'İ',
          '١٠٤٢',
          '１０４２',
          '\u202E1042',
        ),
      )
      .map(percentEncode),
  },
  {
    // Any mix of escapes (valid, truncated, double-encoded, of `/`, `?`, `#`, NUL) and sub-delimiters.
    weight: 2,
    arbitrary: fc
      .array(
        fc.constantFrom(
          '%2F',
          '%2f',
          '%2E',
          '%00',
          '%',
          '%zz',
          '%4',
          '%C3%A9',
          '%E0%A4%A',
          '%252F',
          '%5C',
          '%3F',
          '%23',
          '%20',
          '%0A',
          '+',
          '.',
          '..',
          ';',
          ',',
          '@',
          '~',
          '!',
          '$',
          '&',
          '=',
          "'",
          '(',
          '*',
          ':',
          '\\',
          '1042',
          'a',
        ),
        { minLength: 1, maxLength: 10 },
      )
      .map((parts) => parts.join('')),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '.',
      '..',
      '...',
      '%2e',
      '%2E%2E',
      '.%2E',
      '..%2F..',
      '.1042',
      '1042.',
      '%00',
      '1042%00',
      '%001042',
      '10%0042',
      '%201042',
      '1042%20',
      '1042%0A',
      '01042',
      '1042%09',
      '',
      '1042/',
      '/1042',
      'a/b',
      '1042/..',
      '../1042',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9._-]{129,600}$/),
      fc.nat({ max: 3000 }).map((extra) => '1'.repeat(129 + extra)),
    ),
  },
);

const rawQueryArb = fc.oneof(
  { weight: 5, arbitrary: fc.constant(undefined) },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.tuple(claimKeyArb, fc.option(fc.oneof(poisonArb, printableArb))),
        { minLength: 1, maxLength: 4 },
      )
      .map((pairs) =>
        pairs
          .map(([key, value]) => {
            // Brackets stay as typed, as browsers and qs-style clients send them.
            const name = encodeURIComponent(key)
              .replaceAll('%5B', '[')
              .replaceAll('%5D', ']');
            return value === null
              ? name
              : `${name}=${encodeURIComponent(value)}`;
          })
          .join('&'),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '&',
      '&&',
      '=',
      'a',
      '=x',
      '%',
      '%zz=1',
      'sub',
      'sub=',
      `sub=${MARKER}`,
      'ti[uem]=%E0%A4%A',
    ),
  },
);

const headerNameArb = fc.oneof(
  fc.constantFrom(
    'X-User',
    'X-Sub',
    'X-User-Id',
    'X-Forwarded-User',
    'X-Forwarded-Email',
    'X-Forwarded-For',
    'X-Real-IP',
    'Forwarded',
    'X-Tenant',
    'X-Pandium-Sub',
    'X-Ti-Uem',
    'X-Xti-Token',
    'X-Org-Id',
    'X-HTTP-Method-Override',
    'X-Original-URL',
    'Cookie',
    'Accept',
    'Accept-Language',
    'User-Agent',
    'Referer',
    'Origin',
    'Cache-Control',
    'Pragma',
    'If-None-Match',
  ),
  fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
);
const headersArb = fc.uniqueArray(
  fc.tuple(
    headerNameArb,
    fc.oneof(poisonArb, printableArb, fc.constantFrom('*', 'no-cache')),
  ),
  { maxLength: 6, selector: ([name]) => name.toLowerCase() },
);

interface BodyCase {
  contentType: string;
  text: string;
}

const bodyArb: fc.Arbitrary<BodyCase | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc
          .dictionary(
            claimKeyArb,
            fc.oneof(poisonArb, fc.jsonValue({ maxDepth: 2 })),
            { maxKeys: 4 },
          )
          .map((value) => JSON.stringify(value)),
        fc
          .array(poisonArb, { maxLength: 3 })
          .map((value) => JSON.stringify(value)),
        fc.constantFrom(
          '',
          ' ',
          '{bad',
          'null',
          '"x"',
          '1',
          '[]',
          '{}',
          `{"sub":"${MARKER}","ti":{"uem":"${MARKER}@evil.test"}}`,
          '{"__proto__":{"sub":"usr_2001"}}',
        ),
      )
      .map((text) => ({ contentType: 'application/json', text })),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.constantFrom(
            'sub',
            'ti[uem]',
            'xti[token]',
            'ti[xti][token]',
            'jti',
          ),
          poisonArb,
        ),
        { maxLength: 3 },
      )
      .map((pairs) => ({
        contentType: 'application/x-www-form-urlencoded',
        text: pairs
          .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
          .join('&'),
      })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      contentType: fc.constantFrom('text/plain', 'application/octet-stream'),
      text: fc.oneof(poisonArb, printableArb),
    }),
  },
);

const methodArb = fc.oneof(
  { weight: 10, arbitrary: fc.constant('GET') },
  { weight: 1, arbitrary: fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH') },
);

/** The Authorization header, by kind; resolved against the tokens of this run of the app. */
type AuthorizationCase =
  | { kind: 'jane'; before: string; after: string }
  | { kind: 'none' }
  | {
      kind:
        | 'jane-other-scheme'
        | 'jane-lower-case'
        | 'jane-two-spaces'
        | 'jane-tampered'
        | 'jane-truncated'
        | 'unsigned'
        | 'wrong-key'
        | 'pandium-key'
        | 'connector-token';
    }
  | { kind: 'random'; value: string };

const authorizationArb: fc.Arbitrary<AuthorizationCase> = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.record({
      kind: fc.constant('jane' as const),
      // White space around a header value is not part of it (RFC 9110 §5.5).
      before: fc.constantFrom('', '', '', ' ', '\t'),
      after: fc.constantFrom('', '', '', ' ', '\t'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        'jane-other-scheme',
        'jane-lower-case',
        'jane-two-spaces',
        'jane-tampered',
        'jane-truncated',
        'unsigned',
        'wrong-key',
        'pandium-key',
        'connector-token',
      )
      .map((kind) => ({ kind })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.stringMatching(/^Bearer [A-Za-z0-9._-]{0,60}$/),
        printableArb,
        poisonArb.map((value) => `Bearer ${value}`),
      )
      .map((value) => ({ kind: 'random' as const, value })),
  },
);

type Route =
  | { kind: 'install-url'; rawId: string }
  | { kind: 'marketplace-url' }
  | { kind: 'integrations' };

interface FuzzRequest {
  method: string;
  route: Route;
  rawQuery: string | undefined;
  headers: [string, string][];
  authorization: AuthorizationCase;
  body: BodyCase | undefined;
}

function requestArb(routeArb: fc.Arbitrary<Route>): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    method: methodArb,
    route: routeArb,
    rawQuery: rawQueryArb,
    headers: headersArb,
    authorization: authorizationArb,
    body: bodyArb,
  });
}

// ---------------------------------------------------------------------------------------------------
// The model: what the example app must answer. Express parses bodies and matches paths (decoding route
// parameters), then methods; then the guards run (401), the pipes (400), the handler (404 outside the catalog).

function decodedOrUndefined(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** body-parser's view: undefined when not parsed, 'malformed' when it answers 400 itself. */
function parsedBody(body: BodyCase | undefined): unknown {
  if (body === undefined || body.text.length === 0) {
    return undefined;
  }
  if (body.contentType === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(body.text));
  }
  if (body.contentType !== 'application/json') {
    // Bodies of other types (text/plain, none given, …) are not parsed; the library still refuses them.
    return undefined;
  }
  // `strict`: only an object or an array.
  if (!/^\s*[[{]/.test(body.text)) {
    return 'malformed';
  }
  try {
    return JSON.parse(body.text) as unknown;
  } catch {
    return 'malformed';
  }
}

/** Express answers 304 to `If-None-Match: *` on a GET (RFC 9110 §13.1.2) unless the request says no-cache. */
function isConditionalHit(headers: [string, string][]): boolean {
  const value = (name: string): string | undefined =>
    headers.find(([header]) => header.toLowerCase() === name)?.[1].trim();
  return (
    value('if-none-match') === '*' &&
    !/(?:^|,)\s*no-cache\s*(?:,|$)/.test(value('cache-control') ?? '')
  );
}

function expectedStatus(
  request: FuzzRequest,
  adapter: HttpAdapterName,
): number | number[] {
  // Express parses any body before routing; Fastify parses none on GET, and others only on routes it has.
  const body = adapter === 'express' ? parsedBody(request.body) : undefined;
  if (body === 'malformed') {
    return 400;
  }
  // Fastify runs its body parsers even for the 404 it answers: a body it cannot parse gets 400 or 415 first.
  const notFound =
    adapter === 'fastify' && request.body !== undefined ? [404, 400, 415] : 404;
  let id: string | undefined;
  if (request.route.kind === 'install-url') {
    const { rawId } = request.route;
    if (rawId === '' || rawId.includes('/')) {
      return notFound;
    }

    // Express decodes the parameter when the path matches, before it looks at the method.
    id = decodedOrUndefined(rawId);
    if (id === undefined) {
      return 400;
    }
  }
  // Fastify's router refuses a long parameter where a route of that method has one (GET install-url, POST …/sync,
  // DELETE …/tenant), whatever follows it, before anything else runs.
  if (
    adapter === 'fastify' &&
    ['GET', 'POST', 'DELETE'].includes(request.method) &&
    request.route.kind === 'install-url' &&
    request.route.rawId.length > FASTIFY_MAX_PARAM_LENGTH
  ) {
    return 414;
  }
  if (request.method !== 'GET') {
    return notFound;
  }
  if (request.authorization.kind !== 'jane') {
    return 401;
  }
  const hasQuery =
    request.rawQuery !== undefined &&
    new URLSearchParams(request.rawQuery).size > 0;
  // Any body counts, parsed or not (the library looks at Content-Length and Transfer-Encoding too).
  const hasBody = request.body !== undefined && request.body.text.length > 0;
  if (hasQuery || hasBody) {
    return 400;
  }
  if (id !== undefined) {
    if (!INTEGRATION_ID_PATTERN.test(id)) {
      return 400;
    }
    // Own keys only: `valueOf`, `constructor`, … are valid ids that are not in the catalog.
    if (!Object.hasOwn(JANE_CATALOG, id)) {
      return 404;
    }
  }
  // Express answers `If-None-Match: *` with 304 (it sets ETags); Fastify sets none.
  return adapter === 'express' && isConditionalHit(request.headers) ? 304 : 200;
}

// ---------------------------------------------------------------------------------------------------

describe.each(HTTP_ADAPTERS)(
  'Requests of any shape to the example app on %s (e2e, property-based)',
  (adapter) => {
    let app: INestApplication<App>;
    let client: RawHttpClient;
    const rateLimitStore = new UnlimitedRateLimitStore();
    const tokens = {
      jane: '',
      connector: '',
      unsigned: '',
      wrongKey: '',
      pandiumKey: '',
    };
    let signedUrlsSeen = 0;

    function authorizationOf(auth: AuthorizationCase): string | undefined {
      const [head, payload, signature] = tokens.jane.split('.');
      switch (auth.kind) {
        case 'jane':
          return `${auth.before}Bearer ${tokens.jane}${auth.after}`;
        case 'none':
          return undefined;
        case 'jane-other-scheme':
          return `Basic ${tokens.jane}`;
        case 'jane-lower-case':
          return `bearer ${tokens.jane}`;
        case 'jane-two-spaces':
          return `Bearer  ${tokens.jane}`;
        case 'jane-tampered':
          return `Bearer ${head}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
        case 'jane-truncated':
          return `Bearer ${head}.${payload}.`;
        case 'unsigned':
          return `Bearer ${tokens.unsigned}`;
        case 'wrong-key':
          return `Bearer ${tokens.wrongKey}`;
        case 'pandium-key':
          return `Bearer ${tokens.pandiumKey}`;
        case 'connector-token':
          return `Bearer ${tokens.connector}`;
        case 'random':
          return auth.value;
      }
    }

    function pathOf(request: FuzzRequest): string {
      const path =
        request.route.kind === 'install-url'
          ? `/pandium/integrations/${request.route.rawId}/install-url`
          : `/pandium/${request.route.kind}`;
      return request.rawQuery === undefined
        ? path
        : `${path}?${request.rawQuery}`;
    }

    function send(request: FuzzRequest): Promise<RawHttpResponse> {
      const headers: Record<string, string> = Object.fromEntries(
        request.headers,
      );
      const authorization = authorizationOf(request.authorization);
      if (authorization !== undefined) {
        headers.Authorization = authorization;
      }
      const raw: RawHttpRequest = {
        method: request.method,
        path: pathOf(request),
        headers,
      };
      if (request.body !== undefined) {
        headers['Content-Type'] = request.body.contentType;
        raw.body = request.body.text;
      }
      return client.send(raw);
    }

    /** Nothing of the request may be in what Jane gets: no marker, no one else's identity. */
    function expectNoPoison(text: string): void {
      for (const poison of [MARKER, ...OTHER_IDENTITIES]) {
        expect(text).not.toContain(poison);
      }
    }

    /** Checks one answer against the model, and a signed URL against Jane's claims. */
    async function check(request: FuzzRequest): Promise<void> {
      const response = await send(request);

      expect(response.status).toBeLessThan(500);
      expect([expectedStatus(request, adapter)].flat()).toContain(
        response.status,
      );
      if (response.status !== 200) {
        // No token, no URL (error messages may echo the path, so `tenant=` of the query may be there).
        expect(response.body).not.toMatch(JWT_SHAPE);
        expect(response.body).not.toContain('"url"');
        return;
      }
      expectNoPoison(response.body);
      const answer = JSON.parse(response.body) as Record<string, unknown>;
      if (request.route.kind === 'integrations') {
        expect(answer).toEqual(JANE_LISTING);
        return;
      }

      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      const integrationId =
        request.route.kind === 'install-url'
          ? decodedOrUndefined(request.route.rawId)
          : undefined;
      const base = `https://imp\\.sandbox\\.pandium\\.com/${TEST_ACCOUNT}`;
      expect(answer).toEqual({
        url: expect.stringMatching(
          integrationId === undefined
            ? new RegExp(`^${base}\\?tenant=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`)
            : new RegExp(
                `^${base}/tenants/create/${integrationId}\\?tenant=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`,
              ),
        ),
        expiresAt: expect.any(String),
        expiresIn: 300,
        ...(integrationId !== undefined && { integrationId }),
      });
      const { payload } = await verifyPandiumToken(
        tenantTokenOf(answer.url as string),
        TEST_PANDIUM_SECRET,
      );
      const { iat, exp, jti, ...claims } = payload;
      expect(exp! - iat!).toBe(305);
      expect(typeof jti).toBe('string');
      expect(claims).toEqual(janesClaims(integrationId));
      expectNoPoison(JSON.stringify(payload));

      const connectorToken = (claims.ti as { xti: { token: string } }).xti
        .token;
      const connector = await jwtVerify(
        connectorToken,
        new TextEncoder().encode(TEST_APP_AUTH_SECRET),
        { algorithms: ['HS256'] },
      );
      expect(connector.payload).toMatchObject({
        sub: 'usr_1001',
        org: 'org_acme',
        scope: 'pandium-connector',
      });
      expectNoPoison(JSON.stringify(connector.payload));
      signedUrlsSeen += 1;
    }

    beforeAll(async () => {
      app = await createExampleApp({}, { rateLimitStore, adapter });
      await app.listen(0, '127.0.0.1');
      const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
      client = new RawHttpClient(port);

      const login = await client.send({
        method: 'POST',
        path: '/auth/login',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(JANE),
      });
      tokens.jane = (
        JSON.parse(login.body) as { accessToken: string }
      ).accessToken;
      const auth = { Authorization: `Bearer ${tokens.jane}` };

      const listing = await client.send({
        method: 'GET',
        path: '/pandium/integrations',
        headers: auth,
      });
      expect(JSON.parse(listing.body)).toEqual(JANE_LISTING);

      const installUrl = await client.send({
        method: 'GET',
        path: '/pandium/integrations/1042/install-url',
        headers: auth,
      });
      const { payload } = await verifyPandiumToken(
        tenantTokenOf((JSON.parse(installUrl.body) as { url: string }).url),
        TEST_PANDIUM_SECRET,
      );
      tokens.connector = (payload.ti as { xti: { token: string } }).xti.token;

      // Jane's login claims, signed the wrong ways.
      const janeClaims = { sub: 'usr_1001', scope: 'app' };
      tokens.unsigned = new UnsecuredJWT(janeClaims)
        .setExpirationTime('1h')
        .encode();
      const signWith = (secret: string) =>
        new SignJWT(janeClaims)
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(secret));
      tokens.wrongKey = await signWith('not-the-app-auth-secret-0123456789');
      tokens.pandiumKey = await signWith(TEST_PANDIUM_SECRET);
    });

    afterAll(async () => {
      client.close();
      await app.close();
    });

    it(
      `should answer ${RUNS.installUrl} install-url requests as modelled, never 5xx, signing only Jane's claims`,
      async () => {
        const before = signedUrlsSeen;
        await fc.assert(
          fc.asyncProperty(
            requestArb(
              rawIdArb.map((rawId) => ({
                kind: 'install-url' as const,
                rawId,
              })),
            ),
            check,
          ),
          { numRuns: RUNS.installUrl },
        );
        // Not vacuous: many runs were signed and checked.
        expect(signedUrlsSeen - before).toBeGreaterThan(RUNS.installUrl / 20);
      },
      TIME_LIMIT_MS,
    );

    it(
      `should answer ${RUNS.marketplaceUrl} marketplace-url requests as modelled, never 5xx, signing only Jane's claims`,
      async () => {
        const before = signedUrlsSeen;
        await fc.assert(
          fc.asyncProperty(
            requestArb(fc.constant({ kind: 'marketplace-url' as const })),
            check,
          ),
          { numRuns: RUNS.marketplaceUrl },
        );
        expect(signedUrlsSeen - before).toBeGreaterThan(
          RUNS.marketplaceUrl / 20,
        );
      },
      TIME_LIMIT_MS,
    );

    it(
      `should answer ${RUNS.integrations} integrations requests as modelled, never 5xx, listing only Jane's catalog`,
      async () => {
        await fc.assert(
          fc.asyncProperty(
            requestArb(fc.constant({ kind: 'integrations' as const })),
            check,
          ),
          { numRuns: RUNS.integrations },
        );
      },
      TIME_LIMIT_MS,
    );

    it('should keep serving after the runs, with the rate limiter consulted on every signed URL', async () => {
      const auth = { Authorization: `Bearer ${tokens.jane}` };
      const installUrl = await client.send({
        method: 'GET',
        path: '/pandium/integrations/1042/install-url',
        headers: auth,
      });
      expect(installUrl.status).toBe(200);
      const listing = await client.send({
        method: 'GET',
        path: '/pandium/integrations',
        headers: auth,
      });
      expect(listing.status).toBe(200);

      expect(rateLimitStore.hits).toBeGreaterThan(signedUrlsSeen);
    });
  },
);
