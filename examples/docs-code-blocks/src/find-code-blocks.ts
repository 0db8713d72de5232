import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  /** Repository-relative path of the Markdown file. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly language: string;
  readonly code: string;
  /**
   * Declarations the block assumes (`declare const password: string;`), from an HTML
   * comment `<!-- code-block-context: ... -->` on the line before the fence: invisible to
   * readers, checked with the block.
   */
  readonly context: string;
}

/** Markdown files whose code a reader copies: the root README, docs/, package and example READMEs. */
export function documentationFiles(root: string): string[] {
  const files = ['README.md'];
  const walk = (directory: string) => {
    for (const name of readdirSync(join(root, directory)).sort()) {
      if (name === 'api' && directory === 'docs') continue; // generated
      const path = join(directory, name);
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (name.endsWith('.md')) files.push(path);
    }
  };
  walk('docs');
  for (const parent of ['packages', 'examples']) {
    for (const name of readdirSync(join(root, parent)).sort()) {
      const readme = join(parent, name, 'README.md');
      if (existsSync(join(root, readme))) files.push(readme);
    }
  }
  if (existsSync(join(root, 'adapters-contract-tests', 'README.md')))
    files.push('adapters-contract-tests/README.md');
  return files.map((file) => relative(root, join(root, file)));
}

/** The fenced blocks of one Markdown text (``` or ~~~ fences, any indentation-free language tag). */
export function codeBlocks(file: string, markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^(```|~~~)\s*([\w-]*)/.exec(lines[index] ?? '');
    if (!open) continue;
    const fence = open[1] as string;
    const start = index;
    const body: string[] = [];
    for (index += 1; index < lines.length && !(lines[index] ?? '').startsWith(fence); index += 1) {
      body.push(lines[index] ?? '');
    }
    const previous = lines[start - 1] ?? '';
    const context = /^<!--\s*code-block-context:(.*)-->\s*$/.exec(previous)?.[1]?.trim() ?? '';
    blocks.push({
      file,
      line: start + 1,
      language: (open[2] ?? '').toLowerCase(),
      code: body.join('\n'),
      context,
    });
  }
  return blocks;
}

/** Every block of every documentation file under `root`. */
export function findCodeBlocks(root: string): CodeBlock[] {
  return documentationFiles(root).flatMap((file) => codeBlocks(file, readFileSync(join(root, file), 'utf8')));
}
