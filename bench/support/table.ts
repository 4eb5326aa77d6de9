// Markdown tables, and the rows of the summary table (a measure against its target).

/** One line of the summary: a measure, its target, and whether it was met. */
export interface TargetRow {
  measure: string;
  value: string;
  target: string;
  /** `undefined` when it could not be measured. */
  met: boolean | undefined;
}

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [
    line(headers),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}

/** `yes`, `**no**`, or `n/a` when it could not be measured. */
export function metLabel(met: boolean | undefined): string {
  if (met === undefined) {
    return 'n/a';
  }
  return met ? 'yes' : '**no**';
}
