import { describe, expect, it } from '@jest/globals';
import { checkDoctorCsp } from './doctor-csp.check.js';
import type { DoctorFramePolicy } from './doctor-frame-policy.probe.js';

const PANDIUM = 'https://imp.pandium.com';
const EMULATOR = 'http://localhost:3100';

/** Pandium's page answering with `frame-ancestors` of `sources` (or other headers). */
const answered = (
  more: Partial<Extract<DoctorFramePolicy, { outcome: 'answered' }>>,
  origin = PANDIUM,
): DoctorFramePolicy => ({
  outcome: 'answered',
  url: `${origin}/acme`,
  status: 400,
  ...more,
});

const statuses = ({ findings }: ReturnType<typeof checkDoctorCsp>) =>
  findings.map(({ check, status }) => `${check} ${status}`);

describe('checkDoctorCsp', () => {
  it("should give 'self' values and point to --app-origin without it", () => {
    const csp = checkDoctorCsp(PANDIUM);
    expect(csp.contentSecurityPolicy).toEqual({
      frameSrc: "'self' https://imp.pandium.com",
      frameAncestors: "'self'",
    });
    expect(statuses(csp)).toEqual(['csp note']);
    expect(csp.findings[0].fix).toContain('run doctor --app-origin');
  });

  it('should name the app origin in frame-ancestors with it, and Pandium as the frame source', () => {
    const csp = checkDoctorCsp(
      PANDIUM,
      'https://app.example.com',
      answered({ frameAncestors: ['https://app.example.com'] }),
    );
    expect(csp.contentSecurityPolicy).toEqual({
      frameSrc: "'self' https://imp.pandium.com",
      frameAncestors: 'https://app.example.com',
    });
    expect(csp.findings[0].fix).toContain(
      'give Pandium https://app.example.com',
    );
    expect(statuses(csp)).toEqual(['csp note', 'csp ok']);
  });

  it('should call an https app on a public host framing an http Pandium a problem (mixed content)', () => {
    const csp = checkDoctorCsp(EMULATOR, 'https://app.example.com');
    expect(statuses(csp)).toEqual(['csp note', 'csp problem']);
    expect(csp.findings[1].cause).toContain('mixed content');
  });

  it('should only note an https localhost app framing an http emulator (Safari blocks it)', () => {
    const csp = checkDoctorCsp(EMULATOR, 'https://localhost:3000');
    expect(statuses(csp)).toEqual(['csp note', 'csp note']);
    expect(csp.findings[1].cause).toContain('Safari');
  });

  it('should not call an http localhost app framing an https Pandium mixed content', () => {
    expect(statuses(checkDoctorCsp(PANDIUM, 'http://localhost:3000'))).toEqual([
      'csp note',
    ]);
  });

  it('should call an emulator that lets another origin frame it a problem, naming --host-origin', () => {
    const csp = checkDoctorCsp(
      EMULATOR,
      'http://localhost:4000',
      answered({ frameAncestors: ['http://localhost:3000'] }, EMULATOR),
    );
    expect(statuses(csp)).toEqual(['csp note', 'csp problem']);
    expect(csp.findings[1]).toMatchObject({
      message:
        "Pandium's page does not let http://localhost:4000 frame it: GET http://localhost:3100/acme answered 400 with frame-ancestors http://localhost:3000",
      fix: expect.stringContaining(
        'start the emulator with --host-origin http://localhost:4000',
      ),
    });
  });

  it("should only note Pandium's own page refusing the origin (its policy may be per page)", () => {
    const csp = checkDoctorCsp(
      PANDIUM,
      'https://app.example.com',
      answered({ frameAncestors: ["'none'"] }),
    );
    expect(statuses(csp)).toEqual(['csp note', 'csp note']);
    expect(csp.findings[1].fix).toContain(
      'ask Pandium to allow https://app.example.com',
    );
  });

  it.each<
    [Partial<Extract<DoctorFramePolicy, { outcome: 'answered' }>>, string]
  >([
    [{}, 'csp ok'],
    [{ xFrameOptions: 'DENY' }, 'csp problem'],
    [{ xFrameOptions: 'SAMEORIGIN' }, 'csp problem'],
    [{ xFrameOptions: 'DENY', frameAncestors: ['*'] }, 'csp ok'],
  ])('should judge the emulator answering %j: %s', (headers, expected) => {
    const csp = checkDoctorCsp(
      EMULATOR,
      'http://localhost:4000',
      answered(headers, EMULATOR),
    );
    expect(statuses(csp)[1]).toBe(expected);
  });

  it.each<[DoctorFramePolicy, string]>([
    [
      { outcome: 'redirected', url: `${PANDIUM}/acme`, status: 302 },
      'answered a redirect (302)',
    ],
    [{ outcome: 'timed-out', url: `${PANDIUM}/acme` }, 'got no answer in time'],
    [
      { outcome: 'unreachable', url: `${PANDIUM}/acme`, reason: 'ENOTFOUND' },
      'failed (ENOTFOUND)',
    ],
  ])('should skip the framing check when the page %j', (policy, says) => {
    const csp = checkDoctorCsp(PANDIUM, 'https://app.example.com', policy);
    expect(statuses(csp)).toEqual(['csp note', 'csp skipped']);
    expect(csp.findings[1].message).toContain(says);
  });
});
