import { useStore } from '../store/store';
import { ChannelNav } from './ChannelNav';
import { PeopleList } from './PeopleList';
import { UserBar } from './UserBar';

export function Sidebar() {
  const serverUrl = useStore((state) => state.session?.serverUrl);
  const host = serverUrl && URL.canParse(serverUrl) ? new URL(serverUrl).host : 'Parley';

  return (
    <aside className="sidebar">
      <div className="sidebar-brand">
        <span className="brand-mark" aria-hidden="true">
          P
        </span>
        <span className="brand-host">{host}</span>
      </div>
      <div className="sidebar-scroll">
        <ChannelNav />
        <PeopleList />
      </div>
      <UserBar />
    </aside>
  );
}
