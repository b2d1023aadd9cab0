import type { Registry } from '../codec/registry.js';
import { registrySteps } from '../pipeline/thumbnail.js';
import { createHandlerWith, type ThumbnailHandler, type ThumbnailHandlerOptions } from './handler.js';

/** imago/serve: the fetch-style thumbnail handler. See spec/serve.md. */
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_HANDLER_LIMITS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_QUEUE,
  DEFAULT_MAX_QUEUE_WAIT,
  DEFAULT_RETRY_AFTER,
  createHandlerWith,
  type ErrorBody,
  type ThumbnailHandler,
  type ThumbnailHandlerOptions,
} from './handler.js';
export { createAdmission, type Admission, type AdmissionStats, type Release } from '../lifetime/admission.js';
export { parseThumbnailQuery, QUERY_PARAMETERS } from './query.js';
export { checkDeclaredLength, readBody } from './read-body.js';

/**
 * A fetch handler `(req: Request) => Promise<Response>` that answers a POSTed image with its
 * thumbnail, streamed (see {@link createHandlerWith} for the statuses). Runs unchanged in Node
 * (through imago/node), Deno, Bun and Workers.
 * @throws OptionError for bad options.
 */
export function createThumbnailHandler(opts: ThumbnailHandlerOptions & { registry?: Registry } = {}): ThumbnailHandler {
  const { registry, ...rest } = opts;
  return createHandlerWith(registrySteps(registry), rest);
}
