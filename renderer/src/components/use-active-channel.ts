import { useEffect } from 'react';

import { reportActiveChannel } from '../app/settings-actions';
import { useStore } from '../store/store';

/**
 * Keeps main told which channel is open and whether the window has focus, so it notifies only
 * about what the user is not already looking at.
 */
export function useActiveChannelReport(): void {
  const channelId = useStore((state) => state.currentChannelId);

  useEffect(() => {
    reportActiveChannel(channelId, document.hasFocus());

    const onFocus = () => reportActiveChannel(channelId, true);
    const onBlur = () => reportActiveChannel(channelId, false);
    window.addEventListener('focus', onFocus);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('blur', onBlur);
    };
  }, [channelId]);

  // Leaving the main view (log out, session ended): nothing is open any more.
  useEffect(() => () => reportActiveChannel(null, document.hasFocus()), []);
}
