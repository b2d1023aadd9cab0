/**
 * The smoke entry for headless Chromium, loaded as a module script by matrix.ts: it leaves the
 * report's promise on `globalThis.__imagoSmoke`, which the driver awaits.
 */
import { fixtures } from '../fixtures.js';
import { detectRuntime, findGC, runChecks, type SmokeReport } from '../harness.js';
import * as checks from '../smoke.js';

(globalThis as { __imagoSmoke?: Promise<SmokeReport> }).__imagoSmoke = runChecks(checks, {
  runtime: detectRuntime(),
  gc: findGC(),
  fixtures,
});
