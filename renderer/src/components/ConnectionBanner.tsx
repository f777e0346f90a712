import type { ConnectionState } from '../../../common/bridge';
import { assertNever } from '../../../common/result';
import { useStore } from '../store/store';

function bannerText(state: ConnectionState): string | null {
  switch (state) {
    case 'online':
      return null;
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'offline':
      return "Offline — messages will be sent when you're back online.";
    default:
      return assertNever(state);
  }
}

export function ConnectionBanner() {
  const connection = useStore((state) => state.connection);
  const text = bannerText(connection);

  return (
    <div role="status" className={`connection-banner is-${connection}`} hidden={text === null}>
      {text}
    </div>
  );
}
