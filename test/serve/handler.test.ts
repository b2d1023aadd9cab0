/**
 * The handler's HTTP contract over the fake text format of test/helpers/fake-steps.ts. The same
 * statuses with real PNG and JPEG bodies are in handler-real.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { createHandlerWith, type ErrorBody } from '../../src/serve/handler.js';
import { pattern } from '../helpers/fake-codecs.js';
import { fakeFormatSteps, fakeImage } from '../helpers/fake-steps.js';

const post = (path: string, body: BodyInit | null, init: RequestInit = {}) =>
  new Request(`http://127.0.0.1${path}`, { method: 'POST', body, ...init });

async function errorOf(res: Response): Promise<ErrorBody['error']> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return ((await res.json()) as ErrorBody).error;
}

describe('createThumbnailHandler (fake format)', () => {
  test('200: streams the thumbnail with its type and sizes', async () => {
    const { steps, probe } = fakeFormatSteps();
    const handle = createHandlerWith(steps, { headers: { 'cache-control': 'max-age=60' } });
    const res = await handle(post('/?width=100', fakeImage(400, 200)));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/x-fake1');
    expect(res.headers.get('x-imago-source')).toBe('fakeimg 400x200');
    expect(res.headers.get('x-imago-size')).toBe('100x50');
    expect(res.headers.get('cache-control')).toBe('max-age=60');
    expect(probe.calls).toBe(0); // encoded only as the body is read
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pattern(100 * 50 * 4));
  });

  test('defaults apply under the query string', async () => {
    const { steps } = fakeFormatSteps();
    const handle = createHandlerWith(steps, { defaults: { width: 64, fit: 'fill', height: 10 } });
    expect((await handle(post('/', fakeImage(400, 200)))).headers.get('x-imago-size')).toBe('64x10');
    expect((await handle(post('/?height=20', fakeImage(400, 200)))).headers.get('x-imago-size')).toBe('64x20');
  });

  test('orientation is applied (orient=0 turns it off)', async () => {
    const { steps } = fakeFormatSteps();
    const handle = createHandlerWith(steps);
    expect((await handle(post('/?width=100', fakeImage(400, 200, 6)))).headers.get('x-imago-size')).toBe('100x200');
    expect((await handle(post('/?width=100&orient=0', fakeImage(400, 200, 6)))).headers.get('x-imago-size')).toBe('100x50');
  });

  describe('400', () => {
    const { steps, decodes } = fakeFormatSteps();
    const handle = createHandlerWith(steps);
    test.each([
      ['/?width=abc', /width must be a decimal integer, got "abc"/],
      ['/?width=0', /width must be an integer from 1/],
      ['/?width=10&fit=stretch', /fit must be one of/],
      ['/?width=10&quality=500', /quality/],
      ['/?width=10&colour=red', /unknown query parameter "colour"/],
      ['/?width=10&width=20', /given twice/],
      ['/', /width or height/],
      ['/?width=10&format=webp', /query parameter format: .*no codec writes "webp"/],
    ])('%s', async (path, message) => {
      const res = await handle(post(path, fakeImage(10, 10)));
      expect(res.status).toBe(400);
      const e = await errorOf(res);
      expect(e.code).toBe('ERR_OPTION');
      expect(e.message).toMatch(message);
      expect(decodes()).toBe(0);
    });

    test('an empty body', async () => {
      const res = await handle(post('/?width=10', new Uint8Array(0)));
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/empty/);
    });

    test('a truncated image', async () => {
      const res = await handle(post('/?width=10', new TextEncoder().encode('FAKEIMG 10')));
      expect(res.status).toBe(400);
      const e = await errorOf(res);
      expect(e.code).toBe('ERR_FORMAT');
      expect(e.message).toMatch(/truncated/);
    });
  });

  test('405 for other methods, with Allow', async () => {
    const handle = createHandlerWith(fakeFormatSteps().steps);
    const res = await handle(new Request('http://127.0.0.1/?width=10'));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, PUT');
  });

  describe('413', () => {
    test('a body over maxBytes (declared)', async () => {
      const handle = createHandlerWith(fakeFormatSteps().steps, { maxBytes: 1000 });
      const res = await handle(post('/?width=10', new Uint8Array(5000), { headers: { 'content-length': '5000' } }));
      expect(res.status).toBe(413);
      expect((await errorOf(res)).message).toMatch(/5000 bytes exceeds maxBytes = 1000/);
    });

    test('a body over maxBytes (streamed, no length)', async () => {
      const handle = createHandlerWith(fakeFormatSteps().steps, { maxBytes: 1000 });
      let pulls = 0;
      const stream = new ReadableStream<Uint8Array>({ pull: (c) => void (pulls++ < 100 ? c.enqueue(new Uint8Array(300)) : c.close()) }, { highWaterMark: 0 });
      const res = await handle(post('/?width=10', stream, { duplex: 'half' } as RequestInit));
      expect(res.status).toBe(413);
      expect(pulls).toBeLessThanOrEqual(5);
    });

    test('an image header over the pixel limit, before decoding', async () => {
      const { steps, decodes } = fakeFormatSteps();
      const handle = createHandlerWith(steps, { limits: { maxPixels: 1_000_000 } });
      const res = await handle(post('/?width=10', fakeImage(100_000, 100_000)));
      expect(res.status).toBe(413);
      expect((await errorOf(res)).code).toBe('ERR_LIMIT');
      expect(decodes()).toBe(0);
    });

    test('an output over the pixel limit', async () => {
      const handle = createHandlerWith(fakeFormatSteps().steps, { limits: { maxPixels: 1_000_000 } });
      const res = await handle(post('/?width=10000&height=10000&fit=fill', fakeImage(10, 10)));
      expect(res.status).toBe(413);
    });
  });

  describe('415', () => {
    const handle = createHandlerWith(fakeFormatSteps().steps);
    test('bytes no codec recognises', async () => {
      const res = await handle(post('/?width=10', '<html>not an image</html>'));
      expect(res.status).toBe(415);
      expect((await errorOf(res)).message).toMatch(/unknown image format.*3c 68 74 6d/);
    });
    test('a recognised image using an unsupported feature', async () => {
      const res = await handle(post('/?width=10', 'FAKEIMG-X 10 10'));
      expect(res.status).toBe(415);
      expect((await errorOf(res)).code).toBe('ERR_UNSUPPORTED');
    });
  });

  test('499 when the client has gone', async () => {
    const handle = createHandlerWith(fakeFormatSteps().steps);
    const res = await handle(post('/?width=10', fakeImage(10, 10), { signal: AbortSignal.abort() }));
    expect(res.status).toBe(499);
  });

  test('500 for anything else, reported to onError, without details', async () => {
    const { steps } = fakeFormatSteps();
    steps.resize = () => {
      throw new Error('secret internal detail');
    };
    const seen: unknown[] = [];
    const handle = createHandlerWith(steps, { onError: (e) => seen.push(e) });
    const res = await handle(post('/?width=10', fakeImage(10, 10)));
    expect(res.status).toBe(500);
    const e = await errorOf(res);
    expect(e.message).not.toMatch(/secret/);
    expect((seen[0] as Error).message).toBe('secret internal detail');
  });

  test('bad handler options throw at creation', () => {
    const { steps } = fakeFormatSteps();
    expect(() => createHandlerWith(steps, { maxBytes: 0 })).toThrow(/maxBytes/);
    expect(() => createHandlerWith(steps, { limits: { maxBytes: 5 } as never })).toThrow(/maxBytes/);
    expect(() => createHandlerWith(steps, { defaults: { fit: 'squash' as never } })).toThrow(/fit/);
  });
});
