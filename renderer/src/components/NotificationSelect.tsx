import type { ChannelNotificationMode } from '../../../common/bridge';
import type { Channel } from '../../../common/protocol';
import { setChannelNotifications } from '../app/settings-actions';
import { useStore } from '../store/store';

const MODES: { mode: ChannelNotificationMode; label: string }[] = [
  { mode: 'all', label: 'All messages' },
  { mode: 'mentions', label: 'Mentions only' },
  { mode: 'none', label: 'Nothing' },
];

/** Which messages in this channel raise a desktop notification. */
export function NotificationSelect({ channel }: { channel: Channel }) {
  const mode = useStore((state) => state.notificationModes[channel.id] ?? 'all');

  return (
    <label className="header-select">
      <svg className="header-select-icon" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M8 1.5a4.5 4.5 0 0 0-4.5 4.5v3L2 11.5h12L12.5 9V6A4.5 4.5 0 0 0 8 1.5ZM6.25 13a1.75 1.75 0 0 0 3.5 0Z" />
      </svg>
      <span className="visually-hidden">Notifications for #{channel.name}</span>
      <select
        value={mode}
        onChange={(event) =>
          void setChannelNotifications(channel.id, event.target.value as ChannelNotificationMode)
        }
      >
        {MODES.map((option) => (
          <option key={option.mode} value={option.mode}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
