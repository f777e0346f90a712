import { describe, expect, it } from 'vitest';

import { dayAndTime, shortTime } from './time';

describe('search result times', () => {
  const now = new Date(2026, 11, 4, 15, 0).getTime();

  it('shows only the time for a message from today', () => {
    const earlier = new Date(2026, 11, 4, 9, 30).getTime();

    expect(dayAndTime(earlier, now)).toBe(shortTime(earlier));
  });

  it('adds the date for a message from another day, so equal messages can be told apart', () => {
    const lastWeek = new Date(2026, 10, 27, 9, 30).getTime();

    expect(dayAndTime(lastWeek, now)).not.toBe(shortTime(lastWeek));
    expect(dayAndTime(lastWeek, now)).toContain('27');
  });
});
