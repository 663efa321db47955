/** The last word of a name, in lower case: `writeStream` → `stream`, `seqEvts` → `evts`, `pending_migrations` → `migrations`. */
export function lastWord(name: string): string {
  return (/[A-Z]?[a-z0-9]+$/u.exec(name)?.[0] ?? name).toLowerCase();
}
