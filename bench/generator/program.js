'use strict';
// One TypeScript program over every package of a generated project, with the options the packages
// share: what bench/engine-timing.js times and the fix-safety test applies fixes in.
const path = require('node:path');
const ts = require('typescript');

const parseConfig = (file) => ts.getParsedCommandLineOfConfigFile(file, {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => { throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')); },
});

function generatedProjectProgram(dir) {
  const packages = parseConfig(path.join(dir, 'tsconfig.json')).projectReferences
    .map((reference) => parseConfig(path.join(reference.path, 'tsconfig.json')));
  const program = ts.createProgram({
    rootNames: packages.flatMap((parsed) => parsed.fileNames),
    options: { ...packages[0].options, composite: false, emitDeclarationOnly: false, noEmit: true, rootDir: undefined },
  });
  const files = program.getSourceFiles().filter((file) => !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file));
  return { program, files };
}

/** The generated project's message bus: `queue.subscribe(topic, handler)` registers a consumer. */
const SUBSCRIBE = [{ from: 'file', name: 'subscribe' }];
/** Rule options that tell the handler rules about that bus. */
const RULE_OPTIONS = { 'no-blocking-io': { handlers: SUBSCRIBE }, 'no-non-idempotent-retry': { consumers: SUBSCRIBE } };

module.exports = { generatedProjectProgram, RULE_OPTIONS };
