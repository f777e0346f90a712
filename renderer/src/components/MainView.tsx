import { useStore } from '../store/store';
import { ChannelHeader } from './ChannelHeader';
import { Composer } from './Composer';
import { ConnectionBanner } from './ConnectionBanner';
import { DeleteDialog } from './DeleteDialog';
import { ErrorNotice } from './ErrorNotice';
import { MessageList } from './MessageList';
import { PolicyProblemBar } from './PolicyProblemBar';
import { SettingsDialog } from './SettingsDialog';
import { Sidebar } from './Sidebar';
import { TypingLine } from './TypingLine';
import { UpdateBar } from './UpdateBar';
import { useActiveChannelReport } from './use-active-channel';

export function MainView() {
  const channel = useStore((state) =>
    state.channels.find((candidate) => candidate.id === state.currentChannelId),
  );
  useActiveChannelReport();

  return (
    <div className="main-view">
      <Sidebar />
      <main className="channel-view">
        <ConnectionBanner />
        <PolicyProblemBar />
        <UpdateBar />
        {channel ? (
          <>
            <ChannelHeader channel={channel} />
            <MessageList key={channel.id} channel={channel} />
            <div className="composer-area">
              <TypingLine channelId={channel.id} />
              <Composer key={channel.id} channel={channel} />
            </div>
          </>
        ) : (
          <div className="empty-state">
            <p>No channels yet.</p>
          </div>
        )}
        <ErrorNotice />
      </main>
      <DeleteDialog />
      <SettingsDialog />
    </div>
  );
}
