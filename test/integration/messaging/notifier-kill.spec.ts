import { setTimeout as sleep } from 'node:timers/promises';
import { PATIENCE_MS } from '@reorg/testing';
import { NotifierKillBed, type Snapshot } from './notifier-kill-bed';

const TIMEOUT_MS = 180_000;
/** Group states in which the coordinator has handed out no assignment of the new generation yet. */
const REBALANCING = ['PreparingRebalance', 'CompletingRebalance'];

describe('Notifier killed -9 (apps/notifier as OS processes, real broker, PostgreSQL)', () => {
  let bed: NotifierKillBed | undefined;

  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  async function until<T>(what: string, probe: () => Promise<T | undefined>, pollMs = 20, timeoutMs = PATIENCE_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const value = await probe();
      if (value !== undefined) return value;
      await sleep(pollMs);
    }
    throw new Error(`no ${what} within ${timeoutMs} ms:\n${bed?.logs()}`);
  }

  it(
    'killed after committing effects but before committing their offsets: the restart redelivers exactly those messages and the inbox skips them',
    async () => {
      const kill = await NotifierKillBed.open('kill_a');
      bed = kill;
      // On the topic before the first start: large fetch batches, whose offsets kafkajs commits once per batch.
      await kill.publishProposals(300);
      const total = kill.messageCount;

      let atKill: Snapshot | undefined;
      for (let attempt = 1; attempt <= 3 && !atKill; attempt++) {
        const notifier = await kill.startNotifier(`a${attempt}`);
        await notifier.waitReady();
        await until('effect ahead of the committed offsets', async () => {
          const { inbox, committed } = await kill.snapshot();
          return inbox > committed || inbox === total ? true : undefined;
        });
        await notifier.kill();
        const snapshot = await kill.settledSnapshot();
        if (snapshot.inbox > snapshot.committed) atKill = snapshot;
      }
      if (!atKill) throw new Error('no kill in 3 attempts fell between an effect and its offset commit');

      const restarted = await kill.startNotifier('a-restarted');
      const counts = await kill.waitForHandled([restarted], total - atKill.committed);
      expect(counts).toEqual({ applied: total - atKill.inbox, skipped: atKill.inbox - atKill.committed });
      expect(await kill.effectProblems()).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    'killed while a second member joins the group under a steady stream: the members left finish the stream, each message applied once',
    async () => {
      const kill = await NotifierKillBed.open('kill_b');
      bed = kill;
      const first = await kill.startNotifier('b1');
      await first.waitReady();
      const stream = kill.streamProposals(2, 50);
      let atKill: Snapshot;
      try {
        await until('effect from the first member', async () => ((await kill.snapshot()).inbox > 0 ? true : undefined));
        const second = await kill.startNotifier('b2'); // its JoinGroup starts a rebalance
        await until('rebalance', async () => (REBALANCING.includes(await kill.groupState()) ? true : undefined), 5);
        await first.kill();
        atKill = await kill.settledSnapshot();
        // The generation the second member joined has not completed: it was assigned nothing, so every inbox row so far is the first member's.
        expect(REBALANCING).toContain(await kill.groupState());
        const third = await kill.startNotifier('b3'); // joins while the dead member still holds the rebalance up
        await sleep(2_000);
        await stream.stop();

        const total = kill.messageCount;
        const counts = await kill.waitForHandled([second, third], total - atKill.committed);
        expect(counts).toEqual({ applied: total - atKill.inbox, skipped: atKill.inbox - atKill.committed });
      } finally {
        await stream.stop();
      }
      expect(await kill.effectProblems()).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
