import { OptionError } from '../errors.js';
import type { ThumbnailHandlerOptions } from './handler.js';

/** What `npm start` reads from its environment (see {@link serverEnv}). */
export interface ServerEnv {
  readonly port: number;
  readonly host: string;
  readonly handler: Pick<ThumbnailHandlerOptions, 'concurrency' | 'maxQueue' | 'maxQueueWait' | 'maxBytes' | 'retryAfter'>;
}

/** One variable as an integer in [min, max] (or `Infinity` where allowed), or undefined when unset or empty. */
function integer(env: Readonly<Record<string, string | undefined>>, name: string, min: number, max: number, infinity = false): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const v = infinity && raw.trim().toLowerCase() === 'infinity' ? Infinity : /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(v === Infinity || (Number.isSafeInteger(v) && v >= min && v <= max))) {
    throw new OptionError(`${name}=${JSON.stringify(raw)}: expected an integer from ${min} to ${max}${infinity ? ' or Infinity' : ''}`);
  }
  return v;
}

/**
 * The settings of `npm start` (src/serve/node-main.ts) from environment variables: PORT (default
 * 8080), HOST (default 127.0.0.1), and the handler's admission and size limits CONCURRENCY,
 * MAX_QUEUE and MAX_QUEUE_WAIT (ms; each an integer or `Infinity`), MAX_BODY_BYTES and RETRY_AFTER (seconds); unset ones keep
 * the handler's defaults (spec/serve.md).
 * @throws OptionError naming the variable, its value and the accepted range.
 */
export function serverEnv(env: Readonly<Record<string, string | undefined>>): ServerEnv {
  const handler: { -readonly [K in keyof ServerEnv['handler']]: ServerEnv['handler'][K] } = {};
  const concurrency = integer(env, 'CONCURRENCY', 1, 1024);
  const maxQueue = integer(env, 'MAX_QUEUE', 0, 1_000_000, true);
  const maxQueueWait = integer(env, 'MAX_QUEUE_WAIT', 0, 86_400_000, true);
  const maxBytes = integer(env, 'MAX_BODY_BYTES', 1, 2 ** 31);
  const retryAfter = integer(env, 'RETRY_AFTER', 0, 86_400);
  if (concurrency !== undefined) handler.concurrency = concurrency;
  if (maxQueue !== undefined) handler.maxQueue = maxQueue;
  if (maxQueueWait !== undefined) handler.maxQueueWait = maxQueueWait;
  if (maxBytes !== undefined) handler.maxBytes = maxBytes;
  if (retryAfter !== undefined) handler.retryAfter = retryAfter;
  return { port: integer(env, 'PORT', 0, 65_535) ?? 8080, host: env.HOST?.trim() || '127.0.0.1', handler };
}
