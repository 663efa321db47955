import type { AnyRule } from './core/types';
import { noAwaitInLoop } from './no-await-in-loop';
import { noBlockingIo } from './no-blocking-io';
import { noFloatingPromises } from './no-floating-promises';
import { noNonIdempotentRetry } from './no-non-idempotent-retry';
import { noUnboundedConcurrency } from './no-unbounded-concurrency';
import { preferParallelAwaits } from './prefer-parallel-awaits';

/** Every rule, sorted by id (checked by the metadata tests). */
export const rules: readonly AnyRule[] = [
  noAwaitInLoop,
  noBlockingIo,
  noFloatingPromises,
  noNonIdempotentRetry,
  noUnboundedConcurrency,
  preferParallelAwaits,
];
