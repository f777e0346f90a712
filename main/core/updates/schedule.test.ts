import { describe, expect, it } from 'vitest';

import { checkSchedule, nextCheckDelay, type Timers } from './schedule';

function fakeTimers() {
  const pending: { callback: () => void; ms: number }[] = [];
  const timers: Timers = {
    setTimeout: (callback, ms) => pending.push({ callback, ms }),
    clearTimeout: () => void pending.splice(0),
  };

  return { timers, pending };
}

describe('the update check schedule', () => {
  it('checks at start, then again after about an hour', () => {
    const { timers, pending } = fakeTimers();
    let checks = 0;
    const schedule = checkSchedule(
      () => (checks += 1),
      timers,
      () => 0.5,
    );

    schedule.start();
    expect(checks).toBe(1);
    expect(pending.map((p) => p.ms)).toEqual([60 * 60 * 1000]);

    pending.shift()?.callback();
    expect(checks).toBe(2);

    schedule.stop();
    expect(pending).toEqual([]);
  });

  it('jitters between 50 and 70 minutes', () => {
    expect(nextCheckDelay(() => 0)).toBe(50 * 60 * 1000);
    expect(nextCheckDelay(() => 1)).toBe(70 * 60 * 1000);
  });
});
