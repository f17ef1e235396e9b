import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { ProfileKind } from '../src-shared/ipc/channels/training';
import { t } from './i18n';

/**
 * The standard application menu (edit, view and window roles; macOS gets its app menu), with a File
 * menu that opens the other profile (training from live, live from training). Outside development
 * the View menu has zoom and full screen only: no developer tools, and no reload (which would drop
 * a backup or restore under way, and what was typed).
 */
export function installMenu(
  profile: ProfileKind,
  openProfile: (kind: ProfileKind) => void,
  development: boolean,
): void {
  const isMac = process.platform === 'darwin';
  const other: ProfileKind = profile === 'training' ? 'live' : 'training';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      role: 'fileMenu',
      submenu: [
        {
          label: other === 'training' ? t('menu.openTraining') : t('menu.openLive'),
          click: () => openProfile(other),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    development
      ? { role: 'viewMenu' }
      : {
          role: 'viewMenu',
          submenu: [
            { role: 'resetZoom' },
            { role: 'zoomIn' },
            { role: 'zoomOut' },
            { type: 'separator' },
            { role: 'togglefullscreen' },
          ],
        },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
