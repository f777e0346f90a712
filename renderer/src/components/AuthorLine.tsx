import { fullTime, shortTime } from '../text/time';
import { useDisplayName } from './use-display-name';

/**
 * Author and time. In a group only the first message shows them; the rest keep the name for
 * screen readers and the time in the gutter.
 */
export function AuthorLine({
  authorId,
  at,
  grouped,
}: {
  authorId: string;
  at: number;
  grouped: boolean;
}) {
  const name = useDisplayName(authorId);
  const time = (
    <time className="message-time" dateTime={new Date(at).toISOString()} title={fullTime(at)}>
      {shortTime(at)}
    </time>
  );

  if (grouped) {
    return (
      <div className="message-gutter">
        <span className="visually-hidden">{name}</span>
        {time}
      </div>
    );
  }

  return (
    <header className="message-header">
      <span className="message-author">{name}</span>
      {time}
    </header>
  );
}
