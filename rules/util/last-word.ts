/** The words of a camelCase or snake_case name: `safelyCloseConnection` → `safely`, `Close`, `Connection`. */
export function words(name: string): string[] {
  return name.match(/[A-Z]?[a-z0-9]+/gu) ?? [];
}

/** The last word of a name, in lower case: `writeStream` → `stream`, `seqEvts` → `evts`, `pending_migrations` → `migrations`. */
export function lastWord(name: string): string {
  return (words(name).at(-1) ?? name).toLowerCase();
}
