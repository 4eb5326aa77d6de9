// Small statistics and number formatting for the tables.

export function median(values: readonly number[]): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function min(values: readonly number[]): number {
  return Math.min(...values);
}

export function max(values: readonly number[]): number {
  return Math.max(...values);
}

/** `12,345` */
export function formatCount(value: number): string {
  return Number.isFinite(value)
    ? Math.round(value).toLocaleString('en-US')
    : 'n/a';
}

export function formatFixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export const MB = 1024 * 1024;

export function formatMB(bytes: number, digits = 1): string {
  return `${formatFixed(bytes / MB, digits)} MB`;
}
