import type { EmulatorVerdict } from './pandium-emulator.verifier.js';

/**
 * The JSON answer for `Accept: application/json`: what Pandium would receive (connector token masked), or every
 * reason it would refuse.
 *
 * @internal
 */
export function jsonOfVerdict(verdict: EmulatorVerdict): object {
  const { diagnosis, target, notes } = verdict;
  if (verdict.status !== 200) {
    return { valid: false, target, problems: diagnosis.problems, notes };
  }
  return {
    valid: true,
    target,
    claims: diagnosis.claims,
    ...(verdict.tenant === undefined ? {} : { tenant: verdict.tenant }),
    ...(verdict.offers === undefined
      ? {}
      : {
          integrations: verdict.offers.map(({ integration, tenant }) => ({
            id: integration.id,
            name: integration.name,
            tenant,
          })),
        }),
    warnings: diagnosis.problems,
    notes,
  };
}
