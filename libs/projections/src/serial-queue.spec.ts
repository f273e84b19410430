import { setTimeout as sleep } from 'node:timers/promises';
import { SerialQueue } from './serial-queue';

describe('SerialQueue', () => {
  it('never overlaps tasks and keeps call order', async () => {
    const queue = new SerialQueue();
    const trace: string[] = [];
    const task = (id: string, ms: number) => async () => {
      trace.push(`start ${id}`);
      await sleep(ms);
      trace.push(`end ${id}`);
      return id;
    };
    const results = await Promise.all([queue.run(task('a', 20)), queue.run(task('b', 1)), queue.run(task('c', 5))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(trace).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs the next task after one fails', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(() => Promise.reject(new Error('boom')));
    const next = queue.run(() => Promise.resolve('ran'));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
