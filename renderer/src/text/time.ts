const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

export function shortTime(ms: number): string {
  return timeFormat.format(ms);
}

export function fullTime(ms: number): string {
  return fullFormat.format(ms);
}
