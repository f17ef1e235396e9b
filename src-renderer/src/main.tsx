import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../app/App';
import { requestPersistentStorage } from '../db/schema';
import { finishTrainingWipe } from '../features/training/wipe';
import { startCaseSearchSoon } from '../search/search-client';
import '../i18n';

function start() {
  void requestPersistentStorage();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// The search worker starts once the first screen has painted (see startCaseSearchSoon); on a
// screen that does not ask, a few seconds after load.
window.addEventListener('load', () => setTimeout(() => startCaseSearchSoon(0), 3000), { once: true });

// A wiped training profile's databases go before anything opens them.
finishTrainingWipe()
  .catch((error: unknown) => console.error('Could not finish wiping the training profile', error))
  .finally(start);
