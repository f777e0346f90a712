const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

export function shortTime(ms: number): string {
  return timeFormat.format(ms);
}

export function fullTime(ms: number): string {
  return fullFormat.format(ms);
}

/** When a lockout or rate limit ends: the time today, the date as well on another day. */
export function retryTime(ms: number, now = Date.now()): string {
  const sameDay = new Date(ms).toDateString() === new Date(now).toDateString();
  return sameDay ? shortTime(ms) : fullTime(ms);
}

/** The time today; the date as well on another day (search results span the whole history). */
export function dayAndTime(ms: number, now = Date.now()): string {
  const sameDay = new Date(ms).toDateString() === new Date(now).toDateString();
  return sameDay ? shortTime(ms) : dayFormat.format(ms);
}

/** "4:05" until a moment, for a countdown; "0:00" once it has passed. */
export function countdown(ms: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.ceil((ms - now) / 1_000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const mm = hours > 0 ? String(minutes % 60).padStart(2, '0') : String(minutes);
  const ss = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}
