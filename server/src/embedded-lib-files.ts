/**
 * TypeScript's lib.*.d.ts files by file name when the server runs from a bundle, which embeds them
 * (scripts/bundle.mjs replaces this module); undefined when TypeScript runs from node_modules.
 */
export const embeddedLibFiles: ReadonlyMap<string, string> | undefined = undefined;
