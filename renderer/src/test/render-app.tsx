import { render, screen } from '@testing-library/react';

import { start } from '../app/start';
import { App } from '../components/App';
import { resetStore } from '../store/store';

/**
 * jsdom does no layout, so every box measures 0×0 and the virtualized message list would show
 * no rows. Give elements a window-sized client box instead.
 */
function stubLayout() {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, value: 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, value: 800 });
}

/** Starts the app against the installed fake bridge and waits for the first screen. */
export async function renderApp() {
  stubLayout();
  resetStore();
  const stop = start();
  const view = render(<App />);

  await screen.findByRole('main');
  return { ...view, stop };
}
