// electron-vite replaces `import.meta.env.DEV` at build time: true under `electron-vite dev`,
// false in a production build, so development-only code is dropped from what ships.
interface ImportMetaEnv {
  readonly DEV: boolean;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
