import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { CodeBlock } from './find-code-blocks';

/** A block's compiler errors, as `line:column message` relative to the block's first line. */
export interface BlockDiagnostics {
  readonly block: CodeBlock;
  readonly errors: string[];
}

/** `@idport/*` package names → their built `dist/index.d.ts`, for every workspace package. */
export function workspaceDeclarations(root: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const folder of [
    ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)),
    join(root, 'adapters-contract-tests'),
  ]) {
    const manifest = join(folder, 'package.json');
    const declarations = join(folder, 'dist', 'index.d.ts');
    if (!existsSync(manifest) || !existsSync(declarations)) continue;
    found[JSON.parse(readFileSync(manifest, 'utf8')).name] = declarations;
  }
  return found;
}

/**
 * Writes each block to its own module under `directory` (inside this package, so
 * `@idport/*` resolve to the built packages exactly as in a user's project) and
 * type-checks them all in one program with the repository's strict settings.
 */
export function typeCheckBlocks(
  blocks: readonly CodeBlock[],
  directory: string,
  workspacePackages: Readonly<Record<string, string>> = {},
): BlockDiagnostics[] {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const files = blocks.map((block, index) => {
    const name = `${String(index).padStart(3, '0')}-${block.file.replace(/[^\w]+/g, '-')}-${block.line}.ts`;
    const path = join(directory, name);
    // `export {}` makes every block a module: top-level await works, names do not collide.
    // The context sits on the first line, so the block's own lines keep their offsets + 1.
    writeFileSync(path, `${block.context}\n${block.code}\nexport {};\n`);
    return path;
  });
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    strict: true,
    noUncheckedIndexedAccess: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    isolatedModules: true,
    // Packages this one does not depend on yet (an adapter that just landed) still
    // resolve, to their built declarations.
    paths: Object.fromEntries(
      Object.entries(workspacePackages).map(([name, declarations]) => [name, [declarations]]),
    ),
  };
  const program = ts.createProgram(files, options);
  return blocks.map((block, index) => {
    const source = program.getSourceFile(files[index] as string);
    const diagnostics = source
      ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
      : [];
    const errors = diagnostics.map((diagnostic) => {
      const position =
        diagnostic.file && diagnostic.start !== undefined
          ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
          : undefined;
      const where = !position
        ? block.file
        : position.line === 0
          ? `${block.file}:${block.line - 1} (code-block-context)`
          : `${block.file}:${block.line + position.line}:${position.character + 1}`;
      return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
    return { block, errors };
  });
}
