import type { PandiumApiProbeResult } from '../core/pandium-api.probe.js';
import { clockSkewOf, describeClockSkew } from '../core/pandium-clock.skew.js';
import type { PandiumClockSkew } from '../core/pandium-clock.skew.js';
import { PANDIUM_ENV_VARIABLES } from '../options/pandium-embed.config.js';
import type { ResolvedPandiumEmbedOptions } from '../options/pandium-embed-options.validator.js';
import type { DoctorFinding } from './doctor-report.interface.js';

/** What doctor found from one request to Pandium's REST API. @internal */
export interface DoctorApi {
  readonly findings: DoctorFinding[];
  readonly clockSkew?: PandiumClockSkew;
}

/**
 * Judges one probe of Pandium's REST API: whether `PANDIUM_API_KEY` was accepted (skipped, with a note, when it is
 * not set: the probe then only reads Pandium's clock), and whether this machine's clock is within the signer's
 * `clockSkewSeconds` of Pandium's `Date` header.
 *
 * @internal
 */
export function checkDoctorApi(
  options: ResolvedPandiumEmbedOptions,
  probe: PandiumApiProbeResult,
): DoctorApi {
  const findings = [keyFinding(options, probe)];
  if (probe.clock === undefined) {
    findings.push({
      check: 'clock',
      status: 'skipped',
      message: `clock skew not measured: no Date header from ${probe.url}`,
    });
    return { findings };
  }
  const clockSkew = clockSkewOf(probe.clock, options.clockSkewSeconds);
  const skew = describeClockSkew(clockSkew);
  findings.push(
    clockSkew.verdict === 'within'
      ? {
          check: 'clock',
          status: 'ok',
          message: `this machine's clock is ${skew}, within the ${clockSkew.allowanceSeconds} s allowance`,
        }
      : {
          check: 'clock',
          status: 'problem',
          message: `this machine's clock is ${skew}, beyond the ${clockSkew.allowanceSeconds} s allowance`,
          cause:
            clockSkew.verdict === 'ahead'
              ? `iat is back-dated by only ${clockSkew.allowanceSeconds} s (clockSkewSeconds), so Pandium sees tokens issued in the future and may refuse them`
              : 'Pandium sees tokens expire early (exp is this clock plus the TTL), and launch links fail sooner than they should',
          fix: "synchronise this machine's clock (NTP: timedatectl set-ntp true, chrony or ntpd)",
        },
  );
  return { findings, clockSkew };
}

function keyFinding(
  options: ResolvedPandiumEmbedOptions,
  probe: PandiumApiProbeResult,
): DoctorFinding {
  const key = PANDIUM_ENV_VARIABLES.apiKey;
  if (options.apiKey === undefined) {
    return {
      check: 'api-key',
      status: 'skipped',
      variable: key,
      message: `${key} is not set: the key check is skipped (integration statuses stay off)`,
    };
  }
  const where = `${PANDIUM_ENV_VARIABLES.apiBaseUrl} (or ${PANDIUM_ENV_VARIABLES.environment}, which picks the API host)`;
  switch (probe.outcome) {
    case 'accepted':
      return {
        check: 'api-key',
        status: 'ok',
        variable: key,
        message: `Pandium's API accepted ${key}: GET ${probe.url} answered ${probe.status}`,
      };
    case 'refused':
      return {
        check: 'api-key',
        status: 'problem',
        variable: key,
        message: `Pandium's API refused ${key}: GET ${probe.url} answered ${probe.status}`,
        cause: `the key is wrong, revoked, or belongs to another environment than ${options.apiBaseUrl}`,
        fix: `set ${key} to the API key from your Integration Hub for this environment, or correct ${where}`,
      };
    case 'bad-status':
      return {
        check: 'api-key',
        status: 'problem',
        variable: PANDIUM_ENV_VARIABLES.apiBaseUrl,
        message: `GET ${probe.url} answered ${probe.status}: ${key} could not be checked`,
        cause:
          probe.status !== undefined &&
          (probe.status >= 500 || probe.status === 429)
            ? "Pandium's API is unavailable or busy"
            : `${options.apiBaseUrl} does not look like Pandium's REST API`,
        fix: `check ${where}, then run doctor again`,
      };
    default:
      return {
        check: 'api-key',
        status: 'problem',
        variable: PANDIUM_ENV_VARIABLES.apiBaseUrl,
        message:
          probe.outcome === 'timed-out'
            ? `GET ${probe.url} got no answer in time: ${key} could not be checked`
            : `GET ${probe.url} failed (${probe.reason}): ${key} could not be checked`,
        cause: "Pandium's API is out of reach from this machine",
        fix: `check ${where}, DNS, and any proxy or firewall between this machine and it`,
      };
  }
}
