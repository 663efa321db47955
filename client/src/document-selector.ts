/** The languages whose files the engine checks; the same list as the manifest's activation events. */
export const LANGUAGE_IDS = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;

/**
 * Files and untitled buffers alike: which of them it can check is the server's call. Both fields
 * set, so the filters fit VS Code's and the language client's selector types.
 */
export const DOCUMENT_SELECTOR: { scheme: string; language: string }[] = LANGUAGE_IDS.flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);
