import type { DoctorFinding, DoctorReport } from './doctor-report.interface.js';

/** How each status is marked at the start of its line, padded to one width. */
const MARKS: Record<DoctorFinding['status'], string> = {
  ok: 'ok     ',
  problem: 'PROBLEM',
  note: 'note   ',
  skipped: 'skipped',
};

/** Under a finding, its cause and fix, indented past the mark. */
const DETAIL = ' '.repeat(2 + MARKS.ok.length + 2);

/**
 * The doctor's report for people: the variables read (secrets as `set`), each finding with its cause and fix, the
 * Content-Security-Policy values, and a last line with the verdict. Holds nothing the report does not.
 *
 * @internal
 */
export function formatDoctorReport(report: DoctorReport): string {
  const width = Math.max(...report.variables.map(({ name }) => name.length));
  const lines = ['Variables'];
  for (const variable of report.variables) {
    const shown = !variable.set
      ? '(not set)'
      : (variable.value ?? '(set, not shown)');
    lines.push(`  ${variable.name.padEnd(width)}  ${shown}`);
  }
  lines.push('', 'Checks');
  for (const finding of report.findings) {
    lines.push(`  ${MARKS[finding.status]}  ${finding.message}`);
    if (finding.cause !== undefined) {
      lines.push(`${DETAIL}cause: ${finding.cause}`);
    }
    if (finding.fix !== undefined) {
      lines.push(`${DETAIL}fix:   ${finding.fix}`);
    }
  }
  if (report.contentSecurityPolicy !== undefined) {
    const { frameSrc, frameAncestors } = report.contentSecurityPolicy;
    const directives = [
      [`frame-src ${frameSrc}`, 'on the pages that hold the iframe'],
      [`frame-ancestors ${frameAncestors}`, 'on the launch routes'],
    ];
    const longest = Math.max(
      ...directives.map(([directive]) => directive.length),
    );
    lines.push(
      '',
      report.appOrigin === undefined
        ? 'Content-Security-Policy'
        : `Content-Security-Policy (your pages on ${report.appOrigin})`,
    );
    for (const [directive, where] of directives) {
      lines.push(`  ${directive.padEnd(longest)}  (${where})`);
    }
  }
  const problems = report.findings.filter(({ status }) => status === 'problem');
  lines.push(
    '',
    problems.length === 0
      ? 'No problem found.'
      : `${problems.length} problem${problems.length === 1 ? '' : 's'} found.`,
  );
  return `${lines.join('\n')}\n`;
}
