/**
 * TypeScript's lib.*.d.ts files by file name when the server runs from a bundle, which embeds them
 * (scripts/bundle.mjs replaces this module) and runs on the TypeScript they came with; undefined
 * when TypeScript runs from node_modules or is a workspace's.
 */
export const embeddedLibFiles: ReadonlyMap<string, string> | undefined = undefined;
