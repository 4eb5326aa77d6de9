import { SignJWT } from 'jose';
import { JwtService } from '@nestjs/jwt';
import { verifyPandiumToken } from '../../../../test/support/pandium-token.verifier.js';
import { resolvePandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { PandiumJwtSigner } from '../signing/pandium-jwt.signer.js';
import { PandiumTestClock } from './pandium-test.clock.js';
import {
  PANDIUM_TEST_NOW,
  PANDIUM_TEST_SECRET,
} from './pandium-testing.constants.js';
import { claimsOf } from './pandium-url.verifier.js';

const OTHER_SECRET = 'another-secret-of-at-least-thirty-two-bytes';
const claims = {
  sub: 'usr_1',
  ti: { udn: 'Acme', ufn: 'Jane Doe', uem: 'jane@acme.test' },
};

function signerWith(secret: string, clock: PandiumTestClock): PandiumJwtSigner {
  return new PandiumJwtSigner(
    resolvePandiumEmbedOptions({ account: 'acme', sharedSecret: secret }),
    clock,
    new JwtService(),
  );
}

function urlWith(token: string): string {
  return `https://imp.sandbox.pandium.com/acme/tenants/create/1042?tenant=${token}`;
}

describe('claimsOf', () => {
  const clock = new PandiumTestClock();
  const { token } = signerWith(PANDIUM_TEST_SECRET, clock).sign(claims, {
    connector_name: 'gwt',
    integration_name: 'gwt2hs',
    token: 'connector-token',
  });

  it('should give back the typed claims of a URL signed with the test secret', async () => {
    const payload = claimsOf(urlWith(token), { now: clock });

    expect(payload.sub).toBe('usr_1');
    expect(payload.ti.uem).toBe('jane@acme.test');
    expect(payload.ti.xti).toEqual({
      connector_name: 'gwt',
      integration_name: 'gwt2hs',
      token: 'connector-token',
    });
    // The same token, verified by an independent library, has the same claims.
    const { payload: fromJose } = await verifyPandiumToken(
      token,
      PANDIUM_TEST_SECRET,
      {
        currentDate: new Date(PANDIUM_TEST_NOW),
      },
    );
    expect(payload).toEqual(fromJose);
  });

  it('should take a bare token, and a clock given as milliseconds', () => {
    expect(claimsOf(token, { now: PANDIUM_TEST_NOW }).sub).toBe('usr_1');
  });

  it('should verify with another secret when told', () => {
    const other = signerWith(OTHER_SECRET, clock).sign(claims, {
      token: 't',
    }).token;

    expect(claimsOf(other, { secret: OTHER_SECRET, now: clock }).sub).toBe(
      'usr_1',
    );
    expect(() => claimsOf(other, { now: clock })).toThrow(
      'claimsOf: the signature does not match the secret',
    );
  });

  it('should refuse a tampered payload', () => {
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('usr_1', 'usr_2'),
    ).toString('base64url');

    expect(() =>
      claimsOf(`${header}.${forged}.${signature}`, { now: clock }),
    ).toThrow('the signature does not match the secret');
  });

  it('should refuse a header other than Pandium’s, even when correctly signed', async () => {
    const withKid = await new SignJWT({ sub: 'usr_1' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'k1' })
      .sign(new TextEncoder().encode(PANDIUM_TEST_SECRET));

    expect(() => claimsOf(withKid, { now: clock })).toThrow(
      'the header is not exactly {"alg":"HS256","typ":"JWT"}',
    );
  });

  it('should refuse an expired token, and one issued after the time checked', () => {
    expect(() => claimsOf(token, { now: PANDIUM_TEST_NOW + 300_000 })).toThrow(
      'claimsOf: the token expired 0 s',
    );
    expect(() => claimsOf(token, { now: PANDIUM_TEST_NOW - 60_000 })).toThrow(
      'issued 55 s after the time checked',
    );
  });

  it('should refuse a URL without a tenant parameter, and a token without three parts', () => {
    expect(() => claimsOf('https://imp.sandbox.pandium.com/acme')).toThrow(
      'the URL has no tenant parameter',
    );
    expect(() => claimsOf('a.b')).toThrow(
      'the token does not have three parts',
    );
  });

  it('should never put the secret in its errors', () => {
    try {
      claimsOf(token, { secret: OTHER_SECRET, now: clock });
    } catch (error) {
      expect(String(error)).not.toContain(OTHER_SECRET);
      expect(String(error)).not.toContain(PANDIUM_TEST_SECRET);
      return;
    }
    throw new Error('expected claimsOf to throw');
  });
});

describe('PandiumTestClock', () => {
  it('should stand at PANDIUM_TEST_NOW until set or advanced', () => {
    const clock = new PandiumTestClock();
    expect(clock.now()).toBe(PANDIUM_TEST_NOW);

    clock.advance(1500);
    expect(clock.now()).toBe(PANDIUM_TEST_NOW + 1500);

    clock.set(new Date('2031-02-03T04:05:06Z'));
    expect(clock.now()).toBe(Date.UTC(2031, 1, 3, 4, 5, 6));
  });
});
