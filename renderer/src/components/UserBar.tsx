import { logout } from '../app/session-actions';
import { useStore } from '../store/store';
import { PresenceDot } from './PresenceDot';

export function UserBar() {
  const user = useStore((state) => state.session?.user);
  const online = useStore((state) => state.connection === 'online');
  const openSettings = useStore((state) => state.openSettings);

  if (!user) return null;

  return (
    <div className="user-bar">
      <PresenceDot online={online} />
      <span className="user-bar-name" title={user.username}>
        {user.displayName || user.username}
      </span>
      <button type="button" className="button button-quiet" onClick={() => openSettings(true)}>
        Settings
      </button>
      <button type="button" className="button button-quiet" onClick={() => void logout()}>
        Log out
      </button>
    </div>
  );
}
