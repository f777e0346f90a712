import type { Channel } from '../../../common/protocol';
import { useStore } from '../store/store';

export function ChannelButton({ channel }: { channel: Channel }) {
  const isCurrent = useStore((state) => state.currentChannelId === channel.id);
  const unread = useStore((state) => state.unread[channel.id] ?? 0);
  const selectChannel = useStore((state) => state.selectChannel);

  const classes = ['channel-button', isCurrent && 'is-current', unread > 0 && 'has-unread'];

  return (
    <button
      type="button"
      className={classes.filter(Boolean).join(' ')}
      aria-current={isCurrent ? 'page' : undefined}
      onClick={() => selectChannel(channel.id)}
    >
      <span className="channel-name"># {channel.name}</span>{' '}
      {unread > 0 && (
        <span className="unread-badge" role="img" aria-label={`${unread} unread`}>
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
