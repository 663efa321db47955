import type { AnyRule } from './core/types';
import { noFloatingPromises } from './no-floating-promises';

/** Every rule, sorted by id (checked by the metadata tests). */
export const rules: readonly AnyRule[] = [
  noFloatingPromises,
];
