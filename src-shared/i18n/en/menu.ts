// English of the application menu the main process builds.
export const menuEn = {
  openTraining: 'Open training profile…',
  openLive: 'Open live profile…',
} as const;
