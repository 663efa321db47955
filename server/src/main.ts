/**
 * The language server's entry: speaks LSP over the transport named on the command line
 * (`--stdio`, `--node-ipc`, `--socket=<port>` or `--pipe=<name>`), on the TypeScript that
 * `--typescript <folder>` names if it can serve (see `typescript-choice`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { chooseTypescript, useTypescript } from './typescript-choice';
import { patchOnLoad } from './typescript-patch';

const choice = chooseTypescript(process.argv);
// The packaged extension carries its TypeScript as a file beside this bundle; from npm it resolves as usual.
const beside = path.join(__dirname, 'typescript.js');
const typescriptModule = choice.module ?? (fs.existsSync(beside) ? beside : undefined);
if (typescriptModule !== undefined) useTypescript(typescriptModule);
const typescriptPatched = patchOnLoad(typescriptModule ?? require.resolve('typescript'));
// Loaded only now, so that the server and the rules import the TypeScript chosen.
const { startServer } = require('./server') as typeof import('./server');
startServer(createConnection(ProposedFeatures.all), { typescript: choice, typescriptPatched: typescriptPatched() });
