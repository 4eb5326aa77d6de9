import type {
  PandiumTokenDiagnosis,
  PandiumTokenProblem,
  PandiumUrlTarget,
} from './pandium-token-diagnosis.interface.js';

/**
 * Renders a diagnosis as text for a terminal or a log: the target, the header, the signature, the claims (with
 * `ti.xti.token` masked, as the diagnosis has it), each problem with its cause and fix, then a summary line,
 * `valid` or `refused: N problems` (N counts errors; warnings are added in brackets).
 *
 * @publicApi
 */
export function formatPandiumDiagnosis(
  diagnosis: PandiumTokenDiagnosis,
): string {
  const lines: string[] = [];
  if (diagnosis.target !== undefined) {
    lines.push(`target:    ${describeTarget(diagnosis.target)}`);
  }
  lines.push(
    `header:    ${diagnosis.header === undefined ? '(not decodable)' : JSON.stringify(diagnosis.header)}`,
    `signature: ${describeSignature(diagnosis)}`,
  );
  const claims = diagnosis.claims;
  if (claims === undefined) {
    lines.push('claims:    (not decodable)');
  } else {
    lines.push('claims:', indent(JSON.stringify(claims, null, 2), '  '));
    lines.push(...describeTimes(claims.iat, claims.exp));
  }
  if (diagnosis.problems.length > 0) {
    lines.push('problems:');
    for (const problem of diagnosis.problems) {
      lines.push(...describeProblem(problem));
    }
  }
  lines.push(summary(diagnosis));
  return `${lines.join('\n')}\n`;
}

function describeTarget(target: PandiumUrlTarget): string {
  return target.kind === 'install'
    ? `install, account ${JSON.stringify(target.account)}, integration ${JSON.stringify(target.integrationId ?? '')}`
    : `marketplace, account ${JSON.stringify(target.account)}`;
}

function describeSignature(diagnosis: PandiumTokenDiagnosis): string {
  if (diagnosis.signatureVerified) {
    return 'verified (HS256, with the secret given)';
  }
  const codes = diagnosis.problems.map((problem) => problem.code);
  if (codes.includes('signature-mismatch')) {
    return 'DOES NOT MATCH the secret given';
  }
  return 'not verified';
}

/** `iat` and `exp` as dates, when they are numbers: easier to compare with a log than epoch seconds. */
function describeTimes(iat: unknown, exp: unknown): string[] {
  const lines: string[] = [];
  if (typeof iat === 'number' && Number.isFinite(iat)) {
    lines.push(`issued:    ${isoOf(iat)} (iat)`);
  }
  if (typeof exp === 'number' && Number.isFinite(exp)) {
    const lifetime = typeof iat === 'number' ? `, lifetime ${exp - iat} s` : '';
    lines.push(`expires:   ${isoOf(exp)} (exp${lifetime})`);
  }
  return lines;
}

function isoOf(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? 'out of range' : date.toISOString();
}

function describeProblem(problem: PandiumTokenProblem): string[] {
  const mark = problem.severity === 'error' ? 'x' : '!';
  const field = problem.field === undefined ? '' : ` [${problem.field}]`;
  return [
    `  ${mark} ${problem.severity} ${problem.code}${field}: ${problem.message}`,
    `      cause: ${problem.cause}`,
    `      fix:   ${problem.fix}`,
  ];
}

function summary(diagnosis: PandiumTokenDiagnosis): string {
  const errors = diagnosis.problems.filter(
    (p) => p.severity === 'error',
  ).length;
  const warnings = diagnosis.problems.length - errors;
  const extra = warnings === 0 ? '' : ` (${plural(warnings, 'warning')})`;
  return diagnosis.valid
    ? `valid${extra}`
    : `refused: ${plural(errors, 'problem')}${extra}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
