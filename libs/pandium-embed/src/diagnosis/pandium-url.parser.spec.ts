import { describe, it, expect } from '@jest/globals';
import { PandiumEmbedError } from '../errors/pandium-embed.error.js';
import { parsePandiumUrl } from './pandium-url.parser.js';

const TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1In0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('parsePandiumUrl', () => {
  describe('bare tokens', () => {
    it('should give back a bare JWT without a target, trimmed', () => {
      expect(parsePandiumUrl(`  ${TOKEN}\n`)).toEqual({ token: TOKEN });
    });

    it('should give back a standard-base64 token as a token, for the token checks to report', () => {
      expect(parsePandiumUrl('eyJhbGc.a+b/c=.x')).toEqual({
        token: 'eyJhbGc.a+b/c=.x',
      });
    });
  });

  describe('install URLs', () => {
    it('should read the account and the integration id', () => {
      expect(
        parsePandiumUrl(
          `https://imp.sandbox.pandium.com/acme/tenants/create/1042?tenant=${TOKEN}`,
        ),
      ).toEqual({
        token: TOKEN,
        target: { kind: 'install', account: 'acme', integrationId: '1042' },
      });
    });

    it('should read the path from its end when the base has a prefix', () => {
      expect(
        parsePandiumUrl(
          `https://proxy.example/pandium/acme/tenants/create/1042?tenant=${TOKEN}`,
        ).target,
      ).toEqual({ kind: 'install', account: 'acme', integrationId: '1042' });
      expect(
        parsePandiumUrl(
          `http://localhost:3100/acme/tenants/create/1042/?tenant=${TOKEN}&x=1`,
        ).target,
      ).toEqual({ kind: 'install', account: 'acme', integrationId: '1042' });
    });

    it('should decode percent-encoded segments and the tenant parameter', () => {
      const parsed = parsePandiumUrl(
        `https://imp.pandium.com/ac%2Dme/tenants/create/gwt%2E2?tenant=${encodeURIComponent(TOKEN)}`,
      );

      expect(parsed).toEqual({
        token: TOKEN,
        target: { kind: 'install', account: 'ac-me', integrationId: 'gwt.2' },
      });
    });

    it('should refuse an install URL without an integration id', () => {
      expect(() =>
        parsePandiumUrl(
          `https://imp.pandium.com/acme/tenants/create?tenant=${TOKEN}`,
        ),
      ).toThrow(/without an integration id/);
    });
  });

  describe('marketplace URLs', () => {
    it('should read the account from the last path segment', () => {
      expect(
        parsePandiumUrl(`https://imp.pandium.com/acme?tenant=${TOKEN}`),
      ).toEqual({
        token: TOKEN,
        target: { kind: 'marketplace', account: 'acme' },
      });
      expect(
        parsePandiumUrl(`https://x.example/pandium/acme/?tenant=${TOKEN}`)
          .target,
      ).toEqual({
        kind: 'marketplace',
        account: 'acme',
      });
    });

    it('should accept a URL without a scheme, and a path with its query', () => {
      expect(
        parsePandiumUrl(`imp.sandbox.pandium.com/acme?tenant=${TOKEN}`).target,
      ).toEqual({
        kind: 'marketplace',
        account: 'acme',
      });
      expect(
        parsePandiumUrl(`/acme/tenants/create/7?tenant=${TOKEN}`).target,
      ).toEqual({
        kind: 'install',
        account: 'acme',
        integrationId: '7',
      });
    });

    it('should refuse a URL without an account', () => {
      expect(() =>
        parsePandiumUrl(`https://imp.pandium.com/?tenant=${TOKEN}`),
      ).toThrow(/no account in its path/);
    });
  });

  describe('the tenant parameter', () => {
    it('should refuse a URL without tenant, saying where the token goes', () => {
      expect(() =>
        parsePandiumUrl('https://imp.pandium.com/acme/tenants/create/1042'),
      ).toThrow(PandiumEmbedError);
      expect(() =>
        parsePandiumUrl('https://imp.pandium.com/acme?other=1'),
      ).toThrow(
        /no tenant parameter: Pandium reads the signed token from \?tenant=<jwt>/,
      );
    });

    it('should refuse an empty tenant and several tenants, without showing them', () => {
      expect(() =>
        parsePandiumUrl('https://imp.pandium.com/acme?tenant='),
      ).toThrow(/empty tenant/);
      let message = '';
      try {
        parsePandiumUrl(
          `https://imp.pandium.com/acme?tenant=${TOKEN}&tenant=${TOKEN}`,
        );
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/2 tenant parameters/);
      expect(message).not.toContain(TOKEN);
    });
  });
});
