import { CheckpointBatcher } from './checkpoint-batcher';

describe('CheckpointBatcher', () => {
  it('commits the moves asked for in one turn together, keeping the highest position per projection', async () => {
    const commits: Array<Record<string, number>> = [];
    const batcher = new CheckpointBatcher(async (moves) => void commits.push(Object.fromEntries(moves)));
    await Promise.all([batcher.move('a', 5), batcher.move('b', 7), batcher.move('a', 9), batcher.move('a', 6)]);
    await batcher.move('b', 8);
    expect(commits).toEqual([{ a: 9, b: 7 }, { b: 8 }]);
  });

  it('rejects every caller of a failed commit and commits later moves afresh', async () => {
    let fail = true;
    const commits: Array<Record<string, number>> = [];
    const batcher = new CheckpointBatcher(async (moves) => {
      if (fail) throw new Error('disk full');
      commits.push(Object.fromEntries(moves));
    });
    const first = batcher.move('a', 1);
    const second = batcher.move('b', 2);
    await expect(first).rejects.toThrow('disk full');
    await expect(second).rejects.toThrow('disk full');
    fail = false;
    await batcher.move('a', 3);
    expect(commits).toEqual([{ a: 3 }]);
  });
});
