import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { ProfileKind } from '../src-shared/ipc/channels/training';
import { t } from './i18n';

/**
 * The standard application menu (edit, view and window roles; macOS gets its app menu), with a File
 * menu that opens the other profile (training from live, live from training).
 */
export function installMenu(profile: ProfileKind, openProfile: (kind: ProfileKind) => void): void {
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
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
