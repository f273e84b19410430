import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, SqliteEventStore } from '@reorg/event-store';
import { AbolitionService, AnnulmentService, BaselineService, type CommandContext, DecisionService, GoverningBodyService } from '@reorg/register';

/**
 * A client whose command committed but whose answer was lost (the api was killed, the connection
 * dropped) sends it again with the same Idempotency-Key, after the api forgot the key's claim: the
 * command must be answered as the first time, not re-decided against the register it already changed.
 */
describe('a command sent again under the same command id after it committed', () => {
  let dir: string;
  let store: EventStore;
  let n = 0;
  const context = (): CommandContext => ({ actor: 'admin-1', roles: ['admin'], correlationId: 'c', commandId: `retry-${++n}` });
  const issuer = 'Ủy ban nhân dân tỉnh Phú Yên';
  const decision = (number: string, operations: unknown[]) => ({ number, date: '2020-06-01', effectiveDate: '2020-06-01', signer: 'A', issuer, operations });
  const unit = (code: string) => ({ code, name: `Đơn vị ${code}`, level: 'PROVINCE' as const, sector: 'HEALTH' as const, autonomyGroup: 'G3' as const, staffingQuota: 30 });

  /** Runs the command twice under one command id: the second answer equals the first and appends nothing. */
  async function twice<T>(command: (context: CommandContext) => Promise<T>): Promise<T> {
    const same = context();
    const first = await command(same);
    const head = await store.latestPosition();
    expect(await command(same)).toEqual(first);
    expect(await store.latestPosition()).toBe(head);
    return first;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'command-retry-'));
    store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  });

  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('registering a body, importing units, recording, annulling a decision and abolishing a body', async () => {
    const bodies = new GoverningBodyService(store);
    const { bodyId } = await twice((c) => bodies.register({ code: 'SYT', name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' }, c));
    const { bodyId: otherId } = await twice((c) => bodies.register({ code: 'SGD', name: 'Sở Giáo dục', system: 'GOVERNMENT', level: 'PROVINCE' }, c));
    await twice((c) => new BaselineService(store).import('2017-12-31', [{ ...unit('H1'), governingBodyCode: 'SYT' }], c));
    const decisions = new DecisionService(store);
    const recorded = await twice((c) => decisions.record([decision('1/QĐ', [{ type: 'ESTABLISH', unit: { ...unit('H2'), governingBodyId: bodyId } }])] as never, c, 'import'));
    expect(recorded.decisions[0].createdUnits).toHaveLength(1);
    await twice((c) => decisions.record([decision('2/QĐ', [{ type: 'ESTABLISH', unit: { ...unit('H3'), governingBodyId: bodyId } }])] as never, c, 'import'));
    await twice((c) => new AnnulmentService(store).annul({ number: '2/QĐ', issuer, reason: 'ghi nhầm', annulledBy: { number: '3/QĐ', date: '2021-01-01' } }, c));
    const abolished = await twice((c) =>
      new AbolitionService(store).abolish(bodyId, { effectiveDate: '2025-07-01', decision: { number: '9/QĐ', date: '2025-06-30', issuer }, transferUnitsTo: otherId }, c),
    );
    expect(abolished.transferredUnitIds).toHaveLength(2);
  });
});
