// The preload exposes `window.api`, built from the contract's channel names, and nothing else:
// no raw ipcRenderer, no Node. It imports no main-process code (the sandbox would refuse it).
import { contextBridge, ipcRenderer } from 'electron';
import { channels } from '../src-shared/ipc/contract';
import { buildApi } from '../src-shared/ipc/build-api';

contextBridge.exposeInMainWorld(
  'api',
  buildApi(channels, (channel, input) => ipcRenderer.invoke(channel, input)),
);
