/**
 * The main entry under the `development` export condition: the core with the `imago/debug` hook
 * installed first, so memory stats and leak reports count everything from the first object.
 */
import './debug/index.js';

export * from './index.js';
