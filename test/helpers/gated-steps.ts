import { fakeFormatSteps } from './fake-steps.js';

/** Fake steps whose decode counts how many run at once and waits until `open()` is called. */
export function gatedSteps() {
  const fake = fakeFormatSteps();
  const decode = fake.steps.decode;
  let running = 0;
  let peak = 0;
  let started = 0;
  let opened = false;
  const waiting: (() => void)[] = [];
  fake.steps.decode = async (codec, bytes, o) => {
    started++;
    running++;
    peak = Math.max(peak, running);
    try {
      if (!opened) await new Promise<void>((r) => waiting.push(r));
      return await decode(codec, bytes, o);
    } finally {
      running--;
    }
  };
  return {
    ...fake,
    running: () => running,
    peak: () => peak,
    started: () => started,
    /** Lets every decode through, now and later. */
    open() {
      opened = true;
      for (const r of waiting.splice(0)) r();
    },
    /** Lets the oldest waiting decode through. */
    step() {
      waiting.shift()?.();
    },
  };
}

