#!/usr/bin/env node
// Builds the API reference of every published package with TypeDoc into docs/api/
// (git-ignored). Run by scripts/run-all-tests.mjs after the build, so a TSDoc comment or
// an export that breaks the reference fails the test job instead of rotting unseen.
// Packages import each other through their built declarations: build first.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Application, LogLevel } from 'typedoc';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'docs', 'api');

/** Published workspace packages (not private) with a src/index.ts. */
function publishedPackages() {
  const folders = readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name));
  folders.push(join(root, 'adapters-contract-tests'));
  return folders.filter((folder) => {
    const manifest = join(folder, 'package.json');
    if (!existsSync(manifest) || !existsSync(join(folder, 'src', 'index.ts'))) return false;
    return JSON.parse(readFileSync(manifest, 'utf8')).private !== true;
  });
}

const packages = publishedPackages();
for (const folder of packages) {
  if (!existsSync(join(folder, 'dist'))) {
    console.error(`${relative(root, folder)} is not built: run the build first (npx turbo run build)`);
    process.exit(1);
  }
}
rmSync(out, { recursive: true, force: true });

const app = await Application.bootstrapWithPlugins({
  name: 'idport',
  entryPointStrategy: 'packages',
  entryPoints: packages,
  packageOptions: {
    entryPoints: ['src/index.ts'],
    excludePrivate: true,
    excludeInternal: true,
    // Type errors are the typecheck step's job; here only the reference is built.
    skipErrorChecking: true,
    readme: 'none',
  },
  readme: join(root, 'docs', 'api-readme.md'),
  out,
  excludePrivate: true,
  excludeInternal: true,
  skipErrorChecking: true,
  githubPages: false,
  hideGenerator: true,
  // One flat list of packages in the sidebar instead of a collapsed `@idport` folder.
  navigation: { includeFolders: false },
  validation: { notExported: false, invalidLink: true, notDocumented: false },
  logLevel: LogLevel.Warn,
});

const project = await app.convert();
if (!project) {
  console.error('TypeDoc could not convert the packages');
  process.exit(1);
}
await app.generateDocs(project, out);
const modules = project.children?.map((child) => child.name) ?? [];
const exported = project.children?.reduce((count, child) => count + (child.children?.length ?? 0), 0) ?? 0;
const errors = app.logger.errorCount;
console.log(
  `API reference: ${modules.length} packages (${modules.join(', ')}), ${exported} exports, ${app.logger.warningCount} warnings, ${errors} errors → ${relative(root, out)}/index.html`,
);
if (errors > 0 || modules.length !== packages.length) process.exit(1);
