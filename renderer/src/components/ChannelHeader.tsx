import type { Channel } from '../../../common/protocol';
import { NotificationSelect } from './NotificationSelect';
import { SearchBox } from './SearchBox';

export function ChannelHeader({ channel }: { channel: Channel }) {
  return (
    <header className="channel-header">
      <div className="channel-heading">
        <h1 className="channel-title"># {channel.name}</h1>
        {channel.topic && <p className="channel-topic">{channel.topic}</p>}
      </div>
      <div className="channel-tools">
        <NotificationSelect channel={channel} />
        <SearchBox />
      </div>
    </header>
  );
}
