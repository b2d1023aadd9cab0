import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { OptionError } from '../errors.js';
import { checkThumbnailOptions, type ThumbnailFit, type ThumbnailKernel, type ThumbnailOptions } from '../pipeline/options.js';
import type { CliEngine } from './engine.js';
import { collectInputs } from './files.js';
import { ProgressBar, type ProgressSink } from './progress.js';
import { formatBytes, formatMs, formatTable } from './table.js';

/** Where the CLI writes, and what it measures with; main.ts passes the process's. */
export interface CliIO {
  stdout: ProgressSink;
  stderr: ProgressSink;
  engine: CliEngine;
  /** File extensions a folder walk picks up (the registry's). */
  extensions: readonly string[];
  /** Resident set size in bytes (process.memoryUsage().rss). */
  rss(): number;
  now(): number;
}

export const USAGE = `usage:
  imago thumbnail <files or folders...> [--width 320] [--height N] [--fit inside|contain|cover|fill]
                  [--format jpeg|png] [--quality 1-100] [--kernel NAME] [--no-orient] [--out out/]
  imago info <files...>
  imago convert <in> <out> [--quality 1-100]      (the output format follows the extension)

Exit status: 0 all done, 1 some input failed (reported and skipped), 2 bad usage.`;

/** Runs the CLI with `argv` (without node and script). Returns the exit status. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'thumbnail':
        return await thumbnailCommand(rest, io);
      case 'info':
        return await infoCommand(rest, io);
      case 'convert':
        return await convertCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof OptionError || isParseArgsError(err)) {
      io.stderr.write(`imago: ${stripPrefix((err as Error).message)}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
}

class UsageError extends Error {}

function isParseArgsError(err: unknown): boolean {
  return typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('ERR_PARSE_ARGS');
}

const stripPrefix = (m: string) => m.replace(/^imago: /, '');

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, got ${JSON.stringify(v)}`);
  return Number(v);
}

async function thumbnailCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      width: { type: 'string' },
      height: { type: 'string' },
      fit: { type: 'string' },
      format: { type: 'string' },
      quality: { type: 'string' },
      kernel: { type: 'string' },
      'no-orient': { type: 'boolean' },
      out: { type: 'string', default: 'out' },
    },
  });
  if (positionals.length === 0) throw new UsageError('thumbnail needs at least one file or folder');
  const width = int('width', values.width);
  const height = int('height', values.height);
  const opts: ThumbnailOptions = {
    width: width === undefined && height === undefined ? 320 : width,
    height,
    fit: values.fit as ThumbnailFit | undefined,
    format: values.format,
    quality: int('quality', values.quality),
    kernel: values.kernel as ThumbnailKernel | undefined,
    autoOrient: !values['no-orient'],
  };
  for (const k of Object.keys(opts) as (keyof ThumbnailOptions)[]) if (opts[k] === undefined) delete opts[k];
  checkThumbnailOptions(opts); // usage errors before any file is read

  const inputs = await collectInputs(positionals, io.extensions).catch((e: Error) => {
    throw new UsageError(e.message);
  });
  const outDir = values.out!;
  const bar = new ProgressBar(io.stderr, inputs.length);
  bar.draw();
  const t0 = io.now();
  let peak = io.rss();
  let bytesIn = 0;
  let bytesOut = 0;
  const failures: [string, string][] = [];
  const rows: string[][] = [];
  for (const f of inputs) {
    const t = io.now();
    try {
      const input = new Uint8Array(await readFile(f.path));
      bytesIn += input.length;
      const r = await io.engine.thumbnail(input, opts);
      const target = join(outDir, `${f.outStem}.${r.extension}`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, r.bytes);
      bytesOut += r.bytes.length;
      rows.push([f.path, formatBytes(input.length), target, `${r.width}x${r.height}`, formatBytes(r.bytes.length), formatMs(io.now() - t)]);
    } catch (err) {
      failures.push([f.path, err instanceof Error ? stripPrefix(err.message) : String(err)]);
    }
    peak = Math.max(peak, io.rss());
    bar.tick(f.path);
  }
  bar.clear();
  if (rows.length > 0) io.stdout.write(`${formatTable(['file', 'size', 'thumbnail', 'pixels', 'bytes', 'time'], rows)}\n\n`);
  for (const [file, message] of failures) io.stderr.write(`failed: ${file}: ${message}\n`);
  if (failures.length > 0) io.stdout.write('\n');
  io.stdout.write(
    `${formatTable(
      ['files', 'done', 'failed', 'time', 'bytes in', 'bytes out', 'peak memory'],
      [[String(inputs.length), String(rows.length), String(failures.length), formatMs(io.now() - t0), formatBytes(bytesIn), formatBytes(bytesOut), `${formatBytes(peak)} RSS`]],
    )}\n`,
  );
  return failures.length > 0 ? 1 : 0;
}

async function infoCommand(args: string[], io: CliIO): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new UsageError('info needs at least one file');
  const rows: string[][] = [];
  let failed = 0;
  for (const p of positionals) {
    try {
      const c = await io.engine.info(new Uint8Array(await readFile(p)));
      rows.push([p, c.format, `${c.width}x${c.height}`, c.colorModel.name, c.bitDepth === undefined ? '-' : String(c.bitDepth), c.orientation === undefined ? '-' : String(c.orientation)]);
    } catch (err) {
      failed++;
      io.stderr.write(`failed: ${p}: ${err instanceof Error ? stripPrefix(err.message) : String(err)}\n`);
    }
  }
  if (rows.length > 0) io.stdout.write(`${formatTable(['file', 'format', 'size', 'colour model', 'bits', 'orientation'], rows)}\n`);
  return failed > 0 ? 1 : 0;
}

async function convertCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { quality: { type: 'string' } } });
  if (positionals.length !== 2) throw new UsageError('convert needs an input and an output file');
  const [from, to] = positionals;
  const ext = to.includes('.') ? to.slice(to.lastIndexOf('.') + 1) : '';
  if (ext === '') throw new UsageError(`the output ${to} needs an extension naming the format (.png, .jpg)`);
  const quality = int('quality', values.quality);
  try {
    const out = await io.engine.convert(new Uint8Array(await readFile(from)), ext, quality === undefined ? {} : { quality });
    await writeFile(to, out);
    io.stdout.write(`${from} -> ${to} (${formatBytes(out.length)})\n`);
    return 0;
  } catch (err) {
    io.stderr.write(`failed: ${from}: ${err instanceof Error ? stripPrefix(err.message) : String(err)}\n`);
    return 1;
  }
}
