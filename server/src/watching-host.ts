import path from 'node:path';
import ts from 'typescript';
import { embeddedLibFiles } from './embedded-lib-files';

/** What happened to a file on disk, as the client's file watcher reports it. */
export type FileChangeKind = 'created' | 'changed' | 'deleted';

export interface FileChange {
  readonly fileName: string;
  readonly kind: FileChangeKind;
}

export interface WatchingHost {
  /** The project service's host: `ts.sys`, with watchers that the client's file events drive. */
  readonly host: ts.server.ServerHost;
  /** Calls every watcher that a change concerns; returns whether any did. */
  notifyFileChanges(changes: readonly FileChange[]): boolean;
}

interface DirectoryWatch {
  readonly callback: ts.DirectoryWatcherCallback;
  readonly recursive: boolean;
}

const FILE_WATCHER_EVENT: Record<FileChangeKind, ts.FileWatcherEventKind> = {
  created: ts.FileWatcherEventKind.Created,
  changed: ts.FileWatcherEventKind.Changed,
  deleted: ts.FileWatcherEventKind.Deleted,
};

/**
 * Builds a server host on `ts.sys` that never watches the disk itself: the editor already does, and
 * tells us through `workspace/didChangeWatchedFiles`. The host never loads code either: without
 * `require` and `importPlugin`, the project service loads no TypeScript plugin, whatever a tsconfig
 * asks for.
 */
export function createWatchingHost(libDirectory: string): WatchingHost {
  const fileWatchers = new Map<string, Set<ts.FileWatcherCallback>>();
  const directoryWatchers = new Map<string, Set<DirectoryWatch>>();
  const toKey = (fileName: string): string => {
    const normalised = path.resolve(fileName).replace(/\\/gu, '/');
    return ts.sys.useCaseSensitiveFileNames ? normalised : normalised.toLowerCase();
  };

  // In the bundle, the lib files live in memory under the lib directory's name.
  const embeddedLib = (fileName: string): string | undefined =>
    path.dirname(path.resolve(fileName)) === path.resolve(libDirectory) ? embeddedLibFiles?.get(path.basename(fileName)) : undefined;

  const host: ts.server.ServerHost = {
    ...ts.sys,
    readFile: (fileName, encoding) => embeddedLib(fileName) ?? ts.sys.readFile(fileName, encoding),
    fileExists: (fileName) => embeddedLib(fileName) !== undefined || ts.sys.fileExists(fileName),
    // The default library is looked up next to the "executing file".
    getExecutingFilePath: () => path.join(libDirectory, 'tsserver.js'),
    require: undefined,
    importPlugin: undefined,
    setTimeout,
    clearTimeout,
    setImmediate,
    clearImmediate,
    watchFile(fileName, callback) {
      return addWatcher(fileWatchers, toKey(fileName), callback);
    },
    watchDirectory(directory, callback, recursive = false) {
      return addWatcher(directoryWatchers, toKey(directory), { callback, recursive });
    },
  } as ts.server.ServerHost;

  return {
    host,
    notifyFileChanges(changes) {
      let notified = false;
      for (const change of changes) {
        const key = toKey(change.fileName);
        for (const callback of [...(fileWatchers.get(key) ?? [])]) {
          callback(change.fileName, FILE_WATCHER_EVENT[change.kind]);
          notified = true;
        }
        for (const [directory, watchers] of directoryWatchers) {
          const relation = relationTo(directory, key);
          if (relation === undefined) continue;
          for (const watch of [...watchers]) {
            if (relation === 'child' || watch.recursive) {
              watch.callback(change.fileName);
              notified = true;
            }
          }
        }
      }
      return notified;
    },
  };
}

function addWatcher<T>(registry: Map<string, Set<T>>, key: string, watcher: T): ts.FileWatcher {
  const watchers = registry.get(key) ?? new Set<T>();
  watchers.add(watcher);
  registry.set(key, watchers);
  return {
    close() {
      watchers.delete(watcher);
      if (watchers.size === 0 && registry.get(key) === watchers) registry.delete(key);
    },
  };
}

/** Whether `fileKey` is directly in `directoryKey`, deeper below it, or elsewhere. */
function relationTo(directoryKey: string, fileKey: string): 'child' | 'descendant' | undefined {
  const prefix = directoryKey.endsWith('/') ? directoryKey : `${directoryKey}/`;
  if (!fileKey.startsWith(prefix)) return undefined;
  return fileKey.indexOf('/', prefix.length) === -1 ? 'child' : 'descendant';
}
