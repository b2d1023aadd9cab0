import { describe, expect, test } from 'vitest';
import {
  AbortError,
  BusyError,
  DetachedError,
  DisposedError,
  FormatError,
  ImagoError,
  LimitError,
  OptionError,
  ReleaseError,
  SizeError,
  UnsupportedError,
} from '../src/index.js';

const CASES = [
  ['FormatError', () => new FormatError('m'), 'ERR_FORMAT', Error],
  ['UnsupportedError', () => new UnsupportedError('m'), 'ERR_UNSUPPORTED', Error],
  ['DisposedError', () => new DisposedError('m'), 'ERR_DISPOSED', Error],
  ['DetachedError', () => new DetachedError('m'), 'ERR_DETACHED', Error],
  ['AbortError', () => new AbortError('m'), 'ERR_ABORTED', Error],
  ['ReleaseError', () => new ReleaseError('m'), 'ERR_RELEASE', Error],
  ['BusyError', () => new BusyError('m'), 'ERR_BUSY', Error],
  ['SizeError', () => new SizeError('m'), 'ERR_SIZE', RangeError],
  ['LimitError', () => new LimitError('m'), 'ERR_LIMIT', RangeError],
  ['OptionError', () => new OptionError('m'), 'ERR_OPTION', TypeError],
] as const;

describe('error classes', () => {
  test.each(CASES)('%s: an ImagoError with its code, name and built-in base', (name, make, code, base) => {
    const e = make();
    expect(e).toBeInstanceOf(ImagoError);
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(base);
    expect(e.code).toBe(code);
    expect(e.name).toBe(name);
    expect(e.message).toBe('m');
    expect(String(e)).toBe(`${name}: m`);
    expect(e.stack).toContain(name);
  });

  test('classes do not recognise each other', () => {
    expect(new SizeError('m')).not.toBeInstanceOf(LimitError);
    expect(new LimitError('m')).not.toBeInstanceOf(SizeError);
    expect(new FormatError('m')).not.toBeInstanceOf(UnsupportedError);
    expect(new OptionError('m')).not.toBeInstanceOf(RangeError);
    expect(new RangeError('m')).not.toBeInstanceOf(ImagoError);
    expect(new TypeError('m')).not.toBeInstanceOf(ImagoError);
    for (const v of [null, undefined, 1, 'x', {}]) expect(v instanceof ImagoError).toBe(false);
  });

  test('every code is distinct', () => {
    const codes = CASES.map(([, make]) => make().code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  test('a cause is kept', () => {
    const cause = new Error('inner');
    expect(new FormatError('m', { cause }).cause).toBe(cause);
    expect(new SizeError('m', { cause }).cause).toBe(cause);
  });
});
