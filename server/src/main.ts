/**
 * The language server's entry: speaks LSP over the transport named on the command line
 * (`--stdio`, `--node-ipc`, `--socket=<port>` or `--pipe=<name>`).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
