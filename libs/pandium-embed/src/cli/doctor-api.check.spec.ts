import { describe, expect, it } from '@jest/globals';
import type { PandiumApiProbeResult } from '../core/pandium-api.probe.js';
import { resolvePandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import { checkDoctorApi } from './doctor-api.check.js';

const URL_ = 'https://api.sandbox.pandium.com/v2/integrations?limit=1';
const NOW = Date.parse('2026-12-06T10:00:00Z');
const inStep = { sentAt: NOW + 400, receivedAt: NOW + 500, serverDate: NOW };

const options = (apiKey: string | null = 'doctor-api-spec-key') =>
  resolvePandiumEmbedOptions({
    account: 'acme',
    sharedSecret: 'doctor-api-spec-secret-0123456789abcdefgh',
    ...(apiKey === null ? {} : { apiKey }),
  });

const summary = (
  probe: PandiumApiProbeResult,
  apiKey: string | null = 'doctor-api-spec-key',
) =>
  checkDoctorApi(options(apiKey), probe).findings.map(
    ({ check, status, variable }) => ({ check, status, variable }),
  );

describe('checkDoctorApi', () => {
  describe('the API key', () => {
    it('should be ok when the API accepted it', () => {
      expect(
        summary({ outcome: 'accepted', url: URL_, status: 200, clock: inStep }),
      ).toEqual([
        { check: 'api-key', status: 'ok', variable: 'PANDIUM_API_KEY' },
        { check: 'clock', status: 'ok', variable: undefined },
      ]);
    });

    it('should be a problem naming PANDIUM_API_KEY when refused', () => {
      const { findings } = checkDoctorApi(options(), {
        outcome: 'refused',
        url: URL_,
        status: 401,
      });
      expect(findings[0]).toMatchObject({
        status: 'problem',
        variable: 'PANDIUM_API_KEY',
        message: `Pandium's API refused PANDIUM_API_KEY: GET ${URL_} answered 401`,
        cause: expect.any(String),
        fix: expect.stringContaining('PANDIUM_API_KEY'),
      });
      expect(JSON.stringify(findings)).not.toContain('doctor-api-spec-key');
    });

    it.each<[PandiumApiProbeResult['outcome'], Partial<PandiumApiProbeResult>]>(
      [
        ['bad-status', { status: 404 }],
        ['unreachable', { reason: 'ECONNREFUSED' }],
        ['timed-out', {}],
      ],
    )(
      'should be a problem naming PANDIUM_API_BASE_URL when %s',
      (outcome, more) => {
        expect(summary({ outcome, url: URL_, ...more })[0]).toEqual({
          check: 'api-key',
          status: 'problem',
          variable: 'PANDIUM_API_BASE_URL',
        });
      },
    );

    it('should be skipped, with a note, without a key', () => {
      expect(
        summary(
          { outcome: 'refused', url: URL_, status: 401, clock: inStep },
          null,
        )[0],
      ).toEqual({
        check: 'api-key',
        status: 'skipped',
        variable: 'PANDIUM_API_KEY',
      });
    });
  });

  describe('the clock', () => {
    it('should be a problem beyond clockSkewSeconds, and give the skew', () => {
      const api = checkDoctorApi(options(), {
        outcome: 'accepted',
        url: URL_,
        status: 200,
        clock: {
          sentAt: NOW + 30_000,
          receivedAt: NOW + 30_100,
          serverDate: NOW,
        },
      });
      expect(api.clockSkew).toMatchObject({
        verdict: 'ahead',
        allowanceSeconds: 5,
      });
      expect(api.findings[1]).toMatchObject({
        check: 'clock',
        status: 'problem',
        message: expect.stringContaining("29.6 s ahead of Pandium's"),
        fix: expect.stringContaining('NTP'),
      });
    });

    it('should be skipped when no answer carried a Date header', () => {
      expect(
        summary({ outcome: 'unreachable', url: URL_, reason: 'ENOTFOUND' })[1],
      ).toEqual({
        check: 'clock',
        status: 'skipped',
        variable: undefined,
      });
    });
  });
});
