/**
 * `@playbook/engine/jobs`: requests to results, the same way for the server and the site build —
 * validate and normalize (the contract's rules), look up the store, single flight, schedule.
 */
export { Jobs, type Claim, type JobEvents, type JobRunner, type JobsOptions, type ResultStore, type RunOptions as JobRunOptions } from './jobs.ts';
export { MemoryStore, type MemoryStoreOptions } from './memory-store.ts';
export { RedisStore, type RedisStoreOptions } from './redis-store.ts';
export { FileStore } from './file-store.ts';
export { cacheable, resultCacheKey } from './cache-key.ts';
