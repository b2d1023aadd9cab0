/**
 * The `imago` command (bin/imago.js runs the build of this file). Node only. Binds the CLI
 * commands to imago's default registry and thumbnail pipeline.
 */
import { defaultRegistry } from '../codecs.js';
import { prepareThumbnail } from '../pipeline/thumbnail.js';
import { runCli } from './commands.js';
import type { CliEngine } from './engine.js';

const registry = defaultRegistry;

const engine: CliEngine = {
  async thumbnail(bytes, opts) {
    const { image, codec } = await prepareThumbnail(bytes, { ...opts, registry });
    const out = await registry.encode(image, codec.name, opts.quality === undefined ? {} : { quality: opts.quality });
    const b = image.bounds();
    return { bytes: out, extension: codec.extensions[0] ?? codec.name, width: b.dx(), height: b.dy() };
  },
  info: (bytes) => registry.decodeConfig(bytes),
  async convert(bytes, format, { quality }) {
    const img = await registry.decode(bytes, { autoOrient: true });
    return registry.encode(img, format, quality === undefined ? {} : { quality });
  },
};

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  engine,
  extensions: registry.codecs().flatMap((c) => c.extensions),
  rss: () => process.memoryUsage.rss(),
  now: () => performance.now(),
});
process.exitCode = code;
