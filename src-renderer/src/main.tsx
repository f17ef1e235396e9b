import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../app/App';
import { requestPersistentStorage } from '../db/schema';
import { startCaseSearchSoon } from '../search/search-client';
import '../i18n';

void requestPersistentStorage();
// The search worker starts once the first screen has painted (see startCaseSearchSoon); on a
// screen that does not ask, a few seconds after load.
window.addEventListener('load', () => setTimeout(() => startCaseSearchSoon(0), 3000), { once: true });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
