import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api, call } from '../api/client';
import { App } from '../app/App';
import { openActiveDatabase } from '../db/active-database';
import { requestPersistentStorage } from '../db/schema';
import { installBackupBeforeQuit } from '../features/backup/before-quit';
import { finishTrainingWipe } from '../features/training/wipe';
import { startCaseSearchSoon } from '../search/search-client';
import i18n from '../i18n';

void requestPersistentStorage();
// The search worker starts once the first screen has painted (see startCaseSearchSoon); on a
// screen that does not ask, a few seconds after load.
window.addEventListener('load', () => setTimeout(() => startCaseSearchSoon(0), 3000), { once: true });
installBackupBeforeQuit();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

async function start(container: HTMLElement) {
  // A wiped training profile's databases go before anything opens them.
  await finishTrainingWipe().catch((error: unknown) =>
    console.error('Could not finish wiping the training profile', error),
  );
  // Main says which database is the case database (a committed restore moves it); nothing may
  // open the database before this answer.
  await openActiveDatabase(async () => (await call(api().database.active())).name);
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

start(root).catch((error: unknown) => {
  // Without main's answer the right database is unknown: opening the default could show an empty
  // office over a restored one. Say why, plainly, instead.
  root.textContent = i18n.t('backup.startFailed', {
    message: error instanceof Error ? error.message : String(error),
  });
});
