import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { CodeBlock } from './find-code-blocks';

/** A block's compiler errors, as `line:column message` relative to the block's first line. */
export interface BlockDiagnostics {
  readonly block: CodeBlock;
  readonly errors: string[];
}

/**
 * Writes each block to its own module under `directory` (inside this package, so
 * `@idport/*` resolve to the built packages exactly as in a user's project) and
 * type-checks them all in one program with the repository's strict settings.
 */
export function typeCheckBlocks(blocks: readonly CodeBlock[], directory: string): BlockDiagnostics[] {
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
