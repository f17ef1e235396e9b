// The fuses in electron-builder.yml switch Electron features off inside the shipped binary.
// Dropping one is silent (the app still builds and runs), so this reads the file the way
// electron-builder does, validates it against electron-builder's own schema (a misspelt fuse
// fails there) and checks every fuse.
import type { Configuration, FuseOptionsV1 } from 'app-builder-lib';
// Not electron-builder's public API, but the loader and validator it runs on `npm run dist`:
// the same version as electron-builder, and a changed path fails here loudly, never silently.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../import-graph';

const REQUIRED_FUSES: Required<Omit<FuseOptionsV1, 'resetAdHocDarwinSignature'>> = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(ROOT, 'electron-builder.yml', null);
});

describe('electron-builder.yml', { timeout: 30_000 }, () => {
  it('is a configuration electron-builder accepts', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it.each(Object.entries(REQUIRED_FUSES))('sets the fuse %s to %s', (fuse, value) => {
    expect(config.electronFuses?.[fuse as keyof FuseOptionsV1]).toBe(value);
  });

  it('packs the app into an asar archive, which the integrity fuses check', () => {
    expect(config.asar).toBe(true);
  });
});
