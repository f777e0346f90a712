import type { Notification } from 'electron';

import type { Notifier } from '../core/notifications/center';
import type { ShellLogger } from './log';

type NotificationClass = Pick<typeof Notification, 'isSupported'> &
  (new (options: { title: string; body: string; silent: boolean }) => Notification);

/**
 * Shows the core's notifications with Electron's `Notification`. Each one is kept referenced
 * until it is clicked or closed: otherwise it may be garbage-collected and its click lost.
 */
export function createElectronNotifier(
  Notification: NotificationClass,
  log: ShellLogger,
): Notifier {
  const live = new Set<Notification>();

  return {
    show(request, onClick) {
      if (!Notification.isSupported()) {
        log.info({}, 'notification.unsupported');
        return;
      }

      const notification = new Notification({
        title: request.title,
        body: request.body,
        silent: request.silent,
      });
      const forget = () => live.delete(notification);

      notification.on('click', () => {
        forget();
        onClick();
      });
      notification.on('close', forget);
      notification.on('failed', () => {
        forget();
        log.warn({}, 'notification.failed');
      });

      live.add(notification);
      notification.show();
    },
  };
}
