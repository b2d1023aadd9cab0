/**
 * The smoke entry for command-line runtimes (Node, Deno, Bun): runs every check and prints one
 * report line, REPORT_MARKER + JSON, for matrix.ts to read.
 */
import { fixtures } from '../fixtures.js';
import { detectRuntime, findGC, REPORT_MARKER, runChecks } from '../harness.js';
import * as checks from '../smoke.js';

const report = await runChecks(checks, { runtime: detectRuntime(), gc: findGC(), fixtures });
console.log(REPORT_MARKER + JSON.stringify(report));
