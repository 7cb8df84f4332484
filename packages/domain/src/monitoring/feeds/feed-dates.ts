/**
 * Feed dates to ISO-8601 instants. Feeds write RFC 3339 date-times (https://www.rfc-editor.org/rfc/rfc3339),
 * sometimes with an offset written without its colon (`+0000`, as FIRST's EPSS header does), or a date
 * alone, which we read as midnight UTC. JavaScript dates hold milliseconds, so finer fractions are
 * truncated.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:?\d{2}))?$/;

/** The instant as `YYYY-MM-DDTHH:mm:ss.sssZ`, or undefined when the text is not a date (or names no real day). */
export function isoInstantFromFeedDate(text: string): string | undefined {
  const match = DATE_TIME.exec(text.trim());
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const dayStart = Date.UTC(Number(year), Number(month) - 1, Number(day));
  const check = new Date(dayStart);
  // Date.UTC maps years 0–99 to 1900–1999, so compare the date parts rather than trusting the epoch value.
  if (check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day)) return undefined;
  if (hour === undefined || minute === undefined || second === undefined || zone === undefined) {
    return `${year}-${month}-${day}T00:00:00.000Z`;
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) return undefined;
  const offset = zone === 'Z' || zone === 'z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const milliseconds = (fraction ?? '.0').slice(1, 4).padEnd(3, '0');
  const instant = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${milliseconds}${offset}`);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

/** A calendar date `YYYY-MM-DD` that names a real day (KEV's `dateAdded`, `dueDate`). */
export function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isoInstantFromFeedDate(text) !== undefined;
}
