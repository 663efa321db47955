'use strict';
/**
 * The file the editor benchmarks edit: `packages/gateway/src/gateway.ts`, an HTTP gateway of
 * about 300 lines that mounts the routes of many entities and calls their services, so that every
 * edit of it reaches types declared across the project.
 */
const fs = require('node:fs');
const path = require('node:path');
const { pascal, kebab } = require('./names');

const TARGET = 'packages/gateway/src/gateway.ts';
const LINES = 300;
/** Lines per entity below, and of the header: enough entities to reach `LINES`. */
const PER_ENTITY = 26;
const HEADER = 8;

/**
 * Writes the gateway for the entities of a generated project (`files`: the project's texts by
 * path); answers its path, the line an edit goes to, the cross-file edit, and the packages it imports.
 */
function writeEditTarget(outDir, units, files) {
  const count = Math.max(1, Math.round((LINES - HEADER) / PER_ENTITY));
  const chosen = units.filter((unit) => unit.complete).slice(0, count);
  const imports = [
    "import type { HttpRequest, HttpResponse, HttpRoute } from '../../core/src/types';",
    ...chosen.flatMap((unit) => {
      const E = pascal(unit.noun);
      const from = `../../${unit.pkg}/src/${kebab(unit.noun)}`;
      return [
        `import type { ${E}Service } from '${from}/service';`,
        `import { create${E}Handlers, ${unit.noun}Routes } from '${from}/handler';`,
      ];
    }),
  ];
  const bodies = chosen.map((unit) => {
    const E = pascal(unit.noun);
    return `export function mount${E}(service: ${E}Service): HttpRoute[] {
  const handlers = create${E}Handlers(service);
  return ${unit.noun}Routes(handlers);
}

export async function count${E}s(service: ${E}Service, tenant: string): Promise<number> {
  const items = await service.listAll(tenant);
  return items.length;
}

export async function handle${E}(service: ${E}Service, req: HttpRequest): Promise<HttpResponse> {
  const handlers = create${E}Handlers(service);
  if (req.params['id']) return handlers.get(req);
  return handlers.list(req);
}

export async function refresh${E}s(service: ${E}Service, ids: readonly string[]): Promise<number> {
  const refreshed = await service.refreshMany(ids);
  return refreshed;
}

export function reindex${E}(service: ${E}Service, id: string): void {
  service.scheduleReindex(id);
}
`;
  });
  const text = `/** The HTTP gateway: mounts the routes of every entity and answers for them. */\n${imports.join('\n')}\n\n${bodies.join('\n')}`;
  const file = path.join(outDir, TARGET);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  // An edit goes inside the body of the middle entity's `count…s` function, after its await.
  const lines = text.split('\n');
  const middleUnit = chosen[Math.floor(chosen.length / 2)];
  const middle = pascal(middleUnit.noun);
  const editLine = lines.findIndex((line) => line.startsWith(`export async function count${middle}s(`)) + 2;
  // A cross-file edit: that entity's `scheduleReindex` made async, which `reindex…` then leaves floating.
  const dependency = `packages/${middleUnit.pkg}/src/${kebab(middleUnit.noun)}/service.ts`;
  const dependencyLines = files.get(dependency).split('\n');
  const signature = '  scheduleReindex(id: string): void {';
  const crossFile = { file: dependency, line: dependencyLines.indexOf(signature), from: signature, to: '  async scheduleReindex(id: string): Promise<void> {' };
  return { file, lines: lines.length - 1, editLine, crossFile, packages: [...new Set(chosen.map((unit) => unit.pkg))] };
}

module.exports = { writeEditTarget, EDIT_TARGET: TARGET };
