/**
 * imago/node: the Node-only parts. Serving a fetch-style handler from `node:http` with
 * streaming and backpressure (see spec/serve.md). Never imported by the runtime-neutral entries.
 */
export { createNodeServer, startNodeServer, type FetchHandler, type NodeServerOptions, type NodeServerStats } from './serve/node-server.js';
