const BAR_WIDTH = 30;

/** One terminal line: a bar, the percentage and the count, redrawn in place with a carriage return. */
export function renderProgressLine(done: number, total: number, unit = 'years'): string {
  const fraction = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  return `${bar} ${String(Math.floor(fraction * 100)).padStart(3)}%  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} ${unit}`;
}
