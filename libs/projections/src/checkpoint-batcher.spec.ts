import { CheckpointBatcher } from './checkpoint-batcher';
import type { CheckpointMark } from './checkpoints';

const at = (position: number): CheckpointMark => ({ position, globalHash: `hash-${position}` });
const positions = (moves: ReadonlyMap<string, CheckpointMark>) => Object.fromEntries([...moves].map(([name, mark]) => [name, mark.position]));

describe('CheckpointBatcher', () => {
  it('commits the moves asked for in one turn together, keeping the highest position (and its hash) per projection', async () => {
    const commits: Array<Record<string, number>> = [];
    let hashOfA = '';
    const batcher = new CheckpointBatcher(async (moves) => {
      commits.push(positions(moves));
      hashOfA ||= moves.get('a')?.globalHash ?? '';
    });
    await Promise.all([batcher.move('a', at(5)), batcher.move('b', at(7)), batcher.move('a', at(9)), batcher.move('a', at(6))]);
    await batcher.move('b', at(8));
    expect(commits).toEqual([{ a: 9, b: 7 }, { b: 8 }]);
    expect(hashOfA).toBe('hash-9');
  });

  it('rejects every caller of a failed commit and commits later moves afresh', async () => {
    let fail = true;
    const commits: Array<Record<string, number>> = [];
    const batcher = new CheckpointBatcher(async (moves) => {
      if (fail) throw new Error('disk full');
      commits.push(positions(moves));
    });
    const first = batcher.move('a', at(1));
    const second = batcher.move('b', at(2));
    await expect(first).rejects.toThrow('disk full');
    await expect(second).rejects.toThrow('disk full');
    fail = false;
    await batcher.move('a', at(3));
    expect(commits).toEqual([{ a: 3 }]);
  });
});
