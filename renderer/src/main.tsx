import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { start } from './app/start';
import { App } from './components/App';
import './styles/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

start();

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
