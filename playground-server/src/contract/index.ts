/**
 * `@playbook/engine/contract`: the playground API as data and types — requests, results, limits,
 * the options table, request rules, and what a snippet's source offers. Browser-safe: the
 * in-page playground imports it, so nothing here may import Node modules or the runner.
 */
export * from './api.ts';
export * from './options.ts';
export * from './validate.ts';
export * from './go-source.ts';
export * from './stats.ts';
export * from './go-versions.ts';
