import { describe, expect, test } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { serverEnv } from '../../src/serve/env-options.js';

describe('serverEnv (npm start)', () => {
  test('unset variables keep the defaults', () => {
    expect(serverEnv({})).toEqual({ port: 8080, host: '127.0.0.1', handler: {} });
    expect(serverEnv({ CONCURRENCY: '', HOST: ' ' })).toEqual({ port: 8080, host: '127.0.0.1', handler: {} });
  });

  test('reads the admission and size limits', () => {
    expect(serverEnv({ PORT: '0', HOST: '0.0.0.0', CONCURRENCY: '2', MAX_QUEUE: '16', MAX_BODY_BYTES: '1048576', RETRY_AFTER: '3' })).toEqual({
      port: 0,
      host: '0.0.0.0',
      handler: { concurrency: 2, maxQueue: 16, maxBytes: 1048576, retryAfter: 3 },
    });
    expect(serverEnv({ MAX_QUEUE: 'Infinity' }).handler.maxQueue).toBe(Infinity);
    expect(serverEnv({ MAX_QUEUE: '0' }).handler.maxQueue).toBe(0);
    expect(serverEnv({ MAX_QUEUE_WAIT: '5000' }).handler.maxQueueWait).toBe(5000);
    expect(serverEnv({ MAX_QUEUE_WAIT: 'infinity' }).handler.maxQueueWait).toBe(Infinity);
  });

  test.each([
    ['CONCURRENCY', '0', /CONCURRENCY="0": expected an integer from 1 to 1024/],
    ['CONCURRENCY', '2.5', /CONCURRENCY="2.5"/],
    ['CONCURRENCY', 'four', /CONCURRENCY="four"/],
    ['CONCURRENCY', 'Infinity', /CONCURRENCY="Infinity": expected an integer from 1 to 1024$/],
    ['MAX_QUEUE', '-1', /MAX_QUEUE="-1": expected an integer from 0 to 1000000 or Infinity/],
    ['PORT', '70000', /PORT="70000": expected an integer from 0 to 65535/],
    ['MAX_BODY_BYTES', '1e6', /MAX_BODY_BYTES="1e6"/],
  ])('%s=%s is an OptionError naming the variable, the value and the range', (name, value, message) => {
    expect(() => serverEnv({ [name]: value })).toThrow(OptionError);
    expect(() => serverEnv({ [name]: value })).toThrow(message);
  });
});
