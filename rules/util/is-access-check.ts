import { words } from './last-word';

/** Words of operations that decide whether the caller may go on. */
const GATE = new Set(['auth', 'authenticate', 'authenticated', 'authorize', 'authorise', 'authorized', 'authorised',
  'authorization', 'authentication', 'permission', 'permissions', 'login']);

/**
 * Whether an operation, by a word of its name, checks who is calling or what they may do:
 * `callOnAuth(…)`, `authorize(user, 'write')`, `checkPermissions(…)`. What comes after it is meant
 * to run only for a caller who passed; starting it at the same time would do the work for anyone.
 */
export function isAccessCheck(name: string | undefined): boolean {
  return name !== undefined && words(name).some((word) => GATE.has(word.toLowerCase()));
}
