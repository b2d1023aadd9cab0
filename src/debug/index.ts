/**
 * imago/debug: memory stats, leak reports and a leak checker (spec/lifetime.md, "Debug").
 *
 * Importing this entry installs the debug hook into the core (a side effect, declared in
 * package.json `sideEffects`). The core without it keeps no bookkeeping. The `development`
 * export condition of the main entry (`node --conditions=development`, Vite and most bundlers in
 * dev mode) loads it automatically, so objects are counted from the first one.
 */
import { installDebug } from './stats.js';

export { installDebug, uninstallDebug, debugInstalled, memStats, leakReports, runtimeMemory, type MemStats, type DebugOptions } from './stats.js';
export { checkLeaks, type CheckLeaksOptions, type LeakCheckReport, type LeakSample } from './leaks.js';
export type { LeakReport } from '../lifetime/hooks.js';

installDebug();
