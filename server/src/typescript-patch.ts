/**
 * One change to the TypeScript the server runs on, made to its source text as it loads (and to
 * the packaged copy when it is bundled): for every new program, TypeScript works out the output
 * `.d.ts` name and the path of every file of every referenced project again, although the parsed
 * project and its file list are the same objects as for the program before. At 2,000 files that
 * is 41% of the time an edit takes (`node bench/editor-profile.js`). The change keeps those names
 * per file list and fills TypeScript's maps from them, exactly as before. Where the text is not
 * found (another TypeScript version), TypeScript loads unchanged.
 *
 * This module imports no TypeScript: it runs before TypeScript loads.
 */
import fs from 'node:fs';
import Module from 'node:module';

/** Marks a source that has the change; also the key of the names kept across programs. */
export const PATCH_MARKER = 'asyncsense.referencedProjectNames';

const ORIGINAL = `      commandLine.fileNames.forEach((fileName) => {
        const path = toPath3(fileName);
        let outputDts;
        if (!isDeclarationFileName(fileName) && !fileExtensionIs(fileName, ".json" /* Json */)) {
          if (!commandLine.options.outFile) {
            outputDts = getOutputDeclarationFileName(fileName, resolvedRef.commandLine, !host.useCaseSensitiveFileNames(), getCommonSourceDirectory3);
            mapOutputFileToResolvedRef.set(toPath3(outputDts), { resolvedRef, source: fileName });
          } else {
            outputDts = outDts;
          }
        }
        mapSourceFileToResolvedRef.set(path, { resolvedRef, outputDts });
      });`;

const CHANGED = `      const namesByFiles = globalThis[Symbol.for(${JSON.stringify(PATCH_MARKER)})] ??= new WeakMap();
      const ignoreCase = !host.useCaseSensitiveFileNames();
      let names = namesByFiles.get(commandLine.fileNames);
      if (!names || names.options !== commandLine.options || names.ignoreCase !== ignoreCase || names.currentDirectory !== currentDirectory) {
        names = { options: commandLine.options, ignoreCase, currentDirectory, files: commandLine.fileNames.map((fileName) => {
          const isSource = !isDeclarationFileName(fileName) && !fileExtensionIs(fileName, ".json" /* Json */);
          const outputDts = isSource && !commandLine.options.outFile ? getOutputDeclarationFileName(fileName, resolvedRef.commandLine, ignoreCase, getCommonSourceDirectory3) : void 0;
          return { fileName, isSource, path: toPath3(fileName), outputDts, outputPath: outputDts === void 0 ? void 0 : toPath3(outputDts) };
        }) };
        namesByFiles.set(commandLine.fileNames, names);
      }
      for (const { fileName, isSource, path, outputDts: ownOutputDts, outputPath } of names.files) {
        let outputDts;
        if (isSource) {
          if (!commandLine.options.outFile) {
            outputDts = ownOutputDts;
            mapOutputFileToResolvedRef.set(outputPath, { resolvedRef, source: fileName });
          } else {
            outputDts = outDts;
          }
        }
        mapSourceFileToResolvedRef.set(path, { resolvedRef, outputDts });
      }`;

/** The source with the change, and whether it has it (made now, or already there). */
export function patchTypescriptSource(source: string): { readonly source: string; readonly patched: boolean } {
  if (source.includes(PATCH_MARKER)) return { source, patched: true };
  const at = source.indexOf(ORIGINAL);
  if (at < 0 || source.indexOf(ORIGINAL, at + 1) >= 0) return { source, patched: false };
  return { source: source.slice(0, at) + CHANGED + source.slice(at + ORIGINAL.length), patched: true };
}

/**
 * Makes the next load of the file `module` go through `patchTypescriptSource`. Answers, once that
 * file has loaded, whether it has the change.
 */
export function patchOnLoad(module: string): () => boolean {
  const extensions = (Module as unknown as { _extensions: Record<string, (module: unknown, filename: string) => void> })._extensions;
  const load = extensions['.js']!;
  let patched = false;
  extensions['.js'] = function (loading: unknown, filename: string): void {
    if (filename !== module) return load.call(this, loading, filename);
    extensions['.js'] = load;
    const result = patchTypescriptSource(fs.readFileSync(filename, 'utf8'));
    patched = result.patched;
    (loading as { _compile(source: string, filename: string): void })._compile(result.source, filename);
  };
  return () => patched;
}
