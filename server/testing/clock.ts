import type { Clock } from '../clock';

/** A clock tests move by hand. Starts at a fixed, realistic time. */
export class TestClock {
  private time: number;

  constructor(start = Date.UTC(2030, 0, 15, 9, 0, 0)) {
    this.time = start;
  }

  readonly now: Clock = () => this.time;

  advance(ms: number): void {
    this.time += ms;
  }

  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }
}
