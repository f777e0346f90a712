import { useStore } from '../store/store';
import { ChannelButton } from './ChannelButton';

export function ChannelNav() {
  const channels = useStore((state) => state.channels);

  return (
    <nav aria-label="Channels" className="sidebar-section">
      <h2 className="sidebar-heading">Channels</h2>
      <ul className="sidebar-list">
        {channels.map((channel) => (
          <li key={channel.id}>
            <ChannelButton channel={channel} />
          </li>
        ))}
      </ul>
    </nav>
  );
}
