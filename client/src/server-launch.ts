/**
 * How the extension starts the language server process; the benchmarks and the long-session test
 * start it the same way. Free of the `vscode` module, so plain Node can read it.
 *
 * - `--expose-gc` lets the server collect once it has been idle a moment (`IdleCollector`): every
 *   keystroke builds a new program, and V8 would otherwise let dead ones pile up.
 * - `MALLOC_TRIM_THRESHOLD_` makes glibc give freed native memory back to the system; without it the
 *   compiler's scratch memory stays resident, and a long session's RSS grows by half
 *   (`npm run fuzz`: 281 → 437 MB over 2,000 edits without these two, 263 → 295 MB with them).
 *   Other C libraries ignore it.
 */
export const SERVER_NODE_ARGS: readonly string[] = ['--expose-gc'];

export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_TRIM_THRESHOLD_: '131072' };
