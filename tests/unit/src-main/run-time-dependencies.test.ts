// An installer ships package.json `dependencies` and nothing else from node_modules, and
// electron-vite leaves exactly those packages out of the main bundle (everything else is bundled).
// So `dependencies` must be exactly the packages the main process and the PDF worker load at run
// time: one missing would be bundled where it was meant to be loaded (pdfmake needs its own files),
// one extra would swell every installer. This walks their import graph from the sources.
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, resolveSource, ROOT } from '../import-graph';

// The main build's entries, as in electron.vite.config.ts.
const ENTRIES = ['src-main/index.ts', 'src-main/services/pdf/pdf-worker.ts'];

const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

function packagesLoadedByMain(): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = ENTRIES.map((entry) => join(ROOT, entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || file.endsWith('.json')) continue;
    seen.add(file);
    // Type-only imports are erased by the build: they load nothing.
    for (const { specifier } of importsOf(file).filter(({ typeOnly }) => !typeOnly)) {
      if (specifier.startsWith('.')) queue.push(resolveSource(file, specifier));
      else if (specifier !== 'electron' && !isBuiltin(specifier)) packages.add(packageOf(specifier));
    }
  }
  return packages;
}

describe('what an installer ships', () => {
  it('lists as dependencies exactly the packages the main process and the PDF worker load', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(
      [...packagesLoadedByMain()].sort(),
      'package.json dependencies are what main loads: a package only the renderer uses is a devDependency',
    ).toEqual(Object.keys(pkg.dependencies).sort());
  });
});
