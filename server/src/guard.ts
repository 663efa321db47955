import {
  ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken,
} from 'vscode-languageserver';
import type { Log } from './log';

/**
 * Runs a notification handler so that nothing it throws, synchronously or later, reaches the
 * connection: the exception is written to the output and the server goes on.
 */
export function guardNotification<P>(log: Log, method: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      const pending = handler(params);
      if (pending) pending.catch((error: unknown) => log.exception(`${method} failed`, error));
    } catch (error) {
      log.exception(`${method} failed`, error);
    }
  };
}

/**
 * Runs a request handler so that an exception becomes an error response (and a line in the
 * output) instead of taking the server down. Errors meant for the client pass unchanged.
 */
export function guardRequest<P, R>(
  log: Log, method: string, handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    try {
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError) {
        if (error.code !== LSPErrorCodes.RequestCancelled) log.warn(`${method}: ${error.message}`);
        throw error;
      }
      log.exception(`${method} failed`, error);
      throw new ResponseError(ErrorCodes.InternalError, `asyncsense could not answer ${method}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/** The `textDocument.uri` of a request's params, or an `InvalidParams` error saying what is missing. */
export function requireDocumentUri(params: unknown, method: string): string {
  const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
  if (typeof uri !== 'string') {
    throw new ResponseError(ErrorCodes.InvalidParams, `${method} needs params.textDocument.uri (a string).`);
  }
  return uri;
}
