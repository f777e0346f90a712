import type { Notification } from 'electron';
import { describe, expect, it, vi } from 'vitest';

import { createElectronNotifier } from './notifier';
import { FakeNotification } from './test-support/fake-electron';

const silent = { info() {}, warn() {}, error() {} };
const request = {
  title: 'Parley',
  body: 'New message from Alice Archer',
  silent: true,
  target: { channelId: 'c1', messageId: 'm1' },
};

function notifierWith(supported: boolean) {
  const created: FakeNotification[] = [];
  class Recording extends FakeNotification {
    constructor(options: { title: string; body: string; silent: boolean }) {
      super(options);
      created.push(this);
    }

    static override isSupported(): boolean {
      return supported;
    }
  }
  const NotificationClass = Recording as unknown as typeof Notification;
  return { notifier: createElectronNotifier(NotificationClass, silent), created };
}

describe('Electron notifier', () => {
  it('shows exactly the title, body and silent flag it was given, and nothing else', () => {
    const { notifier, created } = notifierWith(true);

    notifier.show(request, () => {});

    expect(created.map((n) => [n.options, n.shown])).toEqual([
      [{ title: 'Parley', body: 'New message from Alice Archer', silent: true }, true],
    ]);
  });

  it('calls back on click, once', () => {
    const { notifier, created } = notifierWith(true);
    const onClick = vi.fn();

    notifier.show(request, onClick);
    created[0]?.emit('click');

    expect(onClick).toHaveBeenCalledOnce();
  });

  it('shows nothing where the OS has no notifications', () => {
    const { notifier, created } = notifierWith(false);

    notifier.show(request, () => {});

    expect(created).toEqual([]);
  });
});
