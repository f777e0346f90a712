import { useMemo } from 'react';

import { useStore } from '../store/store';
import { PresenceDot } from './PresenceDot';

export function PeopleList() {
  const users = useStore((state) => state.users);
  const online = useStore((state) => state.online);
  const myId = useStore((state) => state.session?.user.id);

  const people = useMemo(
    () =>
      Object.values(users)
        .filter((user) => user.id !== myId)
        .sort(
          (a, b) =>
            Number(online[b.id] ?? false) - Number(online[a.id] ?? false) ||
            (a.displayName || a.username).localeCompare(b.displayName || b.username),
        ),
    [users, online, myId],
  );

  return (
    <section aria-labelledby="people-heading" className="sidebar-section">
      <h2 id="people-heading" className="sidebar-heading">
        People
      </h2>
      <ul className="sidebar-list">
        {people.map((user) => (
          <li key={user.id} className="person">
            <PresenceDot online={online[user.id] ?? false} />
            <span className="person-name">{user.displayName || user.username}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
