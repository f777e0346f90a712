export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function formatNumber(value: number, digits = 1): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** One report line: figure, target and whether it was met. Plain output, never an assertion. */
export function reportLine(
  label: string,
  figure: string,
  target: string,
  met: boolean | null,
): string {
  const verdict = met === null ? '' : met ? 'met' : 'MISSED';
  return `${label.padEnd(48)} ${figure.padStart(12)}   target ${target.padEnd(9)} ${verdict}`;
}
