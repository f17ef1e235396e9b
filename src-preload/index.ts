// The preload exposes `window.api`, built from the channel names, and nothing else: no raw
// ipcRenderer, no Node. It imports no main-process code (the sandbox would refuse it) and not the
// contract either, whose schemas would swell this bundle: only the dependency-free name list.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES } from '../src-shared/ipc/channel-names';
import { buildApi } from '../src-shared/ipc/build-api';

contextBridge.exposeInMainWorld(
  'api',
  buildApi(CHANNEL_NAMES, (channel, input) => ipcRenderer.invoke(channel, input)),
);
