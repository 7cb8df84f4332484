/**
 * A calendar date from the API (YYYY-MM-DD) as local midnight. `new Date('2026-12-01')` is UTC midnight,
 * which a browser west of Greenwich shows as 30 November.
 */
export function calendarDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00`);
}
