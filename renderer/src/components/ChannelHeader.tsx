import type { Channel } from '../../../common/protocol';

export function ChannelHeader({ channel }: { channel: Channel }) {
  return (
    <header className="channel-header">
      <h1 className="channel-title"># {channel.name}</h1>
      {channel.topic && <p className="channel-topic">{channel.topic}</p>}
    </header>
  );
}
