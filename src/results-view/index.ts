/**
 * How results are shown — on the code, in tables, as HTML sections — by the build (baked results)
 * and by the in-page playground (live results), so both show the same thing. Browser-safe: the
 * lint rule for this folder refuses Node modules and the engine's Node-only entry points.
 */
export * from './diagnostics.ts';
export * from './placement.ts';
export * from './bench-rows.ts';
export * from './bench-compare.ts';
export * from './format.ts';
export * from './sections.ts';
export * from './assembly.ts';
export * from './gctrace.ts';
export * from './gctrace-parse.ts';
export * from './versions.ts';
