/**
 * Node only: serving a fetch-style handler `(req: Request) => Promise<Response>` from `node:http`.
 * This file is the only one under src/serve/ that imports Node built-ins; it is reached through
 * the `imago/node` entry and `npm start`, never from the runtime-neutral entries.
 *
 * The response body goes out through the bridge spec/streaming.md documents:
 * `pipeline(Readable.fromWeb(body), res)`, so a slow client slows the encoder, and a client that
 * disconnects cancels the body (and with it the encode). The request's `signal` aborts when the
 * client goes away before the response is finished.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type FetchHandler = (req: Request) => Response | Promise<Response>;

export interface NodeServerOptions {
  /** Called with errors the bridge cannot answer (e.g. the handler threw after headers). */
  onError?: (err: unknown) => void;
}

/** Statistics of a server made by {@link createNodeServer}, for tests and health checks. */
export interface NodeServerStats {
  /** Requests whose response is still being written. */
  inFlight: number;
  /** Responses finished completely. */
  completed: number;
  /** Responses cut short because the client went away. */
  disconnected: number;
}

/** A `node:http` server answering every request with `handler`. Call `listen` yourself. */
export function createNodeServer(handler: FetchHandler, opts: NodeServerOptions = {}): Server & { stats: NodeServerStats } {
  const stats: NodeServerStats = { inFlight: 0, completed: 0, disconnected: 0 };
  const server = createServer((req, res) => {
    stats.inFlight++;
    let counted = false;
    const done = (how: 'completed' | 'disconnected') => {
      if (counted) return;
      counted = true;
      stats.inFlight--;
      stats[how]++;
    };
    serve(handler, req, res, opts, done).catch((err) => opts.onError?.(err));
  }) as Server & { stats: NodeServerStats };
  server.stats = stats;
  return server;
}

async function serve(
  handler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
  opts: NodeServerOptions,
  done: (how: 'completed' | 'disconnected') => void,
): Promise<void> {
  const ac = new AbortController();
  res.once('close', () => {
    if (res.writableFinished) done('completed');
    else {
      done('disconnected');
      ac.abort(new Error('client disconnected'));
    }
  });
  let response: Response;
  try {
    response = await handler(toRequest(req, ac.signal));
  } catch (err) {
    opts.onError?.(err);
    response = new Response(JSON.stringify({ error: { status: 500, code: 'ERR_INTERNAL', message: 'internal error' } }), {
      status: 500,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  }
  if (res.destroyed) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((v, k) => {
    headers[k] = k === 'set-cookie' ? response.headers.getSetCookie() : v;
  });
  // An answer given before the request body was read (413, 415 from the header) closes the
  // connection rather than reading the rest of an unwanted upload.
  if (!req.complete) headers.connection = 'close';
  res.writeHead(response.status, headers);
  if (response.body === null) {
    res.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>), res);
  } catch {
    // The client went away mid-body (ERR_STREAM_PREMATURE_CLOSE, ECONNRESET): pipeline destroyed
    // the Readable, which cancelled the body and its encode. Nothing to answer.
  }
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const host = req.headers.host ?? '127.0.0.1';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    else headers.set(k, String(v));
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? bodyStream(req) : null,
    signal,
    duplex: 'half',
  } as RequestInit);
}

/**
 * The request body as a byte-counting WHATWG stream with backpressure: at most 16 KiB is queued
 * and beyond that the socket is paused, so an unread (queued) body costs no more. Not `Readable.toWeb(req)`:
 * on Node 20, when its stream was cancelled before the request ended (a 413 or 503 answered
 * without reading the upload), a later 'data' event enqueued into the closed controller and threw
 * ERR_INVALID_STATE as an uncaught exception, which would bring the server down. Here a
 * cancelled body ignores further data and lets the rest of the upload drain (the answer carries
 * `connection: close`, so the socket closes when it is sent). Chunks are copied, as Node's own
 * adapter does, so a kept chunk pins no larger socket buffer.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let finished = false;
  const onData = (chunk: Buffer) => {
    if (finished) return;
    ctrl.enqueue(new Uint8Array(chunk));
    if ((ctrl.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    if (finished) return;
    finished = true;
    ctrl.close();
  };
  const onError = (err: Error) => {
    if (finished) return;
    finished = true;
    ctrl.error(err);
  };
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        ctrl = c;
        req.pause();
        req.on('data', onData);
        req.once('end', onEnd);
        req.once('error', onError);
        req.once('aborted', () => onError(new Error('the request was aborted')));
      },
      pull() {
        req.resume();
      },
      cancel() {
        finished = true;
        req.off('data', onData);
        req.resume(); // discard the rest; the connection closes after the answer
      },
    },
    { highWaterMark: 16 * 1024, size: (c) => c.byteLength },
  );
}

/**
 * Starts a server for `handler` on `host:port` (default 127.0.0.1 and an ephemeral port).
 * Resolves once it listens; `close()` stops it and ends open connections.
 */
export async function startNodeServer(
  handler: FetchHandler,
  { port = 0, host = '127.0.0.1', ...opts }: NodeServerOptions & { port?: number; host?: string } = {},
): Promise<{ server: Server & { stats: NodeServerStats }; url: string; close(): Promise<void> }> {
  const server = createNodeServer(handler, opts);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
