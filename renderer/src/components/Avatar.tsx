import { useDisplayName } from './use-display-name';

/** A letter on a colour picked from the user id: no images, nothing fetched. */
export function Avatar({ userId }: { userId: string }) {
  const name = useDisplayName(userId);
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;

  return (
    <span className={`avatar avatar-${hash % 8}`} aria-hidden="true">
      {name.trim().charAt(0).toUpperCase() || '?'}
    </span>
  );
}
