import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A tsconfig that needs nothing from node_modules, so a project in a temp folder type-checks. */
export const STANDALONE_TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: 'ES2022', module: 'ES2022', moduleResolution: 'bundler', lib: ['ES2023'],
    types: [], strict: true, noEmit: true,
  },
  include: ['**/*.ts'],
}, null, 2);

export interface TempProject {
  readonly dir: string;
  file(name: string): string;
  uri(name: string): string;
  write(name: string, text: string): string;
  remove(): void;
}

/**
 * A folder of files under the system's temp directory, removed by `remove()`. It is nested one
 * level deeper than needed: TypeScript does not watch for files appearing in folders as shallow as
 * `/tmp/x` (it treats them like home folders), and real projects never live there.
 */
export function createTempProject(files: Readonly<Record<string, string>>, parent = os.tmpdir()): TempProject {
  fs.mkdirSync(parent, { recursive: true });
  const root = fs.realpathSync(fs.mkdtempSync(path.join(parent, 'asyncsense-server-')));
  const dir = path.join(root, 'project');
  fs.mkdirSync(dir);
  const project: TempProject = {
    dir,
    file: (name) => path.join(dir, name),
    uri: (name) => pathToFileURL(path.join(dir, name)).href,
    write(name, text) {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
  for (const [name, text] of Object.entries(files)) project.write(name, text);
  return project;
}
