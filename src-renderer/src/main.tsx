import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../app/App';
import { requestPersistentStorage } from '../db/schema';
import { getCaseSearch } from '../search/search-client';
import '../i18n';

void requestPersistentStorage();
// Start the search worker now, so loading its saved index (and catching up) is done before the first search.
getCaseSearch();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
