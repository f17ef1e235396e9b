// Electron glue: binds the handler map to ipcMain. Every call is checked for its sender frame
// and validated against the contract by `dispatch`.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type Handlers } from '../../src-shared/ipc/contract';
import { fail } from '../../src-shared/ipc/result';
import { isTrustedSenderUrl } from '../windows/app-protocol';
import { dispatch } from './dispatch';

export function registerIpc(handlers: Handlers, devServerUrl: string | undefined): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSenderUrl(event.senderFrame?.url, devServerUrl)) {
        return fail({ code: 'FORBIDDEN_SENDER', message: 'This window may not call Redress.' });
      }
      return dispatch(handlers, channel, input);
    });
  }
}
