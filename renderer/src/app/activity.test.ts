// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';

import { installFakeBridge } from '../test/fake-bridge';
import { ACTIVITY_REPORT_INTERVAL_MS, watchActivity } from './activity';

describe('activity reporting', () => {
  let stop: () => void = () => undefined;

  afterEach(() => stop());

  it('reports keys and clicks to main at most once a minute', () => {
    const { bridge } = installFakeBridge();
    let now = 1_000;
    stop = watchActivity(() => now);

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    window.dispatchEvent(new Event('pointerdown'));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'b' }));
    expect(bridge.reportActivity).toHaveBeenCalledTimes(1);

    now += ACTIVITY_REPORT_INTERVAL_MS;
    window.dispatchEvent(new Event('wheel'));
    expect(bridge.reportActivity).toHaveBeenCalledTimes(2);
  });

  it('reports nothing once it stops watching', () => {
    const { bridge } = installFakeBridge();
    stop = watchActivity(() => 0);
    stop();

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));

    expect(bridge.reportActivity).not.toHaveBeenCalled();
  });
});
