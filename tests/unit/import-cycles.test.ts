// No import cycles in the app's code, counting `import type` too. ESLint's import-x/no-cycle
// catches cycles of run-time imports as you type; it skips type-only imports, and a cycle through
// types still ties two modules into one (the case record and the investigation record, the
// database schema and the repositories), so this test walks the whole graph.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, resolveSource, ROOT } from './import-graph';

const SOURCE_DIRS = ['src-shared', 'src-main', 'src-preload', 'src-renderer'];

/**
 * Cycles known and accepted for now, each as its sorted list of files, with why. The test fails
 * when one of them is gone too, so the entry is removed with the cycle.
 */
const ACCEPTED: { files: string[]; why: string }[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Strongly connected components of more than one module (Tarjan), each as sorted repo paths. */
function importCycles(): string[][] {
  const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)));
  const edges = new Map(
    files.map((file) => [
      file,
      importsOf(file)
        .filter(({ specifier }) => specifier.startsWith('.'))
        .map(({ specifier }) => resolveSource(file, specifier)),
    ]),
  );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(relative(ROOT, member));
    } while (member !== file);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}

describe('imports', () => {
  // Parses every source file: give it time on a busy machine.
  it('form no cycles, type-only imports included', { timeout: 30_000 }, () => {
    expect(importCycles().sort()).toEqual(ACCEPTED.map(({ files }) => files));
  });
});
