// An installer ships package.json `dependencies` and nothing else from node_modules, and
// electron-vite leaves exactly those packages out of the main bundle (everything else is bundled).
// So `dependencies` must be exactly the packages the main process and the PDF worker load at run
// time: one missing would be bundled where it was meant to be loaded (pdfmake needs its own files),
// one extra would swell every installer. This walks their import graph from the sources.
import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
// The main build's entries, as in electron.vite.config.ts.
const ENTRIES = ['src-main/index.ts', 'src-main/services/pdf/pdf-worker.ts'];

const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

function resolveSource(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find(
    (candidate) => /\.(ts|tsx|json)$/.test(candidate) && existsSync(candidate),
  );
  if (!found) throw new Error(`Cannot resolve ${specifier} from ${from}`);
  return found;
}

/** Specifiers a module loads when it runs: type-only imports and exports are erased. */
function runTimeSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!bindings &&
            ts.isNamedImports(bindings) &&
            bindings.elements.length > 0 &&
            bindings.elements.every((element) => element.isTypeOnly)));
      if (!onlyTypes) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0]!)
    ) {
      found.push((node.arguments[0] as ts.StringLiteral).text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function packagesLoadedByMain(): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = ENTRIES.map((entry) => join(ROOT, entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || file.endsWith('.json')) continue;
    seen.add(file);
    for (const specifier of runTimeSpecifiers(file)) {
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
