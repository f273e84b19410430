import type { RecordedEvent } from '@reorg/event-store';
import { readModelTransaction } from '@reorg/projections';
import { governingBodiesProjection } from '@reorg/read-models';
import { GoverningBodyPeriodRow } from '@reorg/read-models/governing-bodies/governing-body.entities';
import type { DataSource } from 'typeorm';
import { PROJECTION_BACKENDS, type ProjectionBackend } from './projection-backends';

const decision = { number: '1/QĐ-UBND', date: '2020-01-01' };
let position = 0;
const recorded = (type: string, data: Record<string, unknown>) => ({ position: ++position, type, data, metadata: {} }) as unknown as RecordedEvent;

/** Two bodies, one renamed out of order and abolished, interleaved as one batch would carry them. */
const history = (): RecordedEvent[] => [
  recorded('GoverningBodyRegistered', { bodyId: 'b1', code: 'SYT', name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' }),
  recorded('GoverningBodyRegistered', { bodyId: 'b2', code: 'SGD', name: 'Sở Giáo dục', system: 'GOVERNMENT', level: 'PROVINCE' }),
  recorded('GoverningBodyRenamed', { bodyId: 'b1', name: 'Sở Y tế mới', previousName: 'Sở Y tế', effectiveDate: '2022-01-01', decision }),
  recorded('GoverningBodyAbolished', { bodyId: 'b1', effectiveDate: '2025-07-01', decision, transferUnitsTo: 'b2' }),
  recorded('GoverningBodyRenamed', { bodyId: 'b2', name: 'Sở Giáo dục và Đào tạo', previousName: 'Sở Giáo dục', effectiveDate: '2021-01-01', decision }),
  recorded('GoverningBodyRenamed', { bodyId: 'b1', name: 'Sở Y tế (2019)', previousName: 'Sở Y tế', effectiveDate: '2019-01-01', decision }),
];

describe.each(PROJECTION_BACKENDS)('governing-bodies projection, a batch at once on %s', (_, backendFactory) => {
  let backend: ProjectionBackend;
  let dataSource: DataSource;

  beforeEach(async () => {
    backend = await backendFactory();
    dataSource = await backend.openReadModels([governingBodiesProjection]);
  });
  afterEach(async () => {
    await dataSource?.destroy();
    await backend?.dispose();
  });

  const periods = async () =>
    (await dataSource.manager.find(GoverningBodyPeriodRow, { order: { bodyId: 'ASC', validFrom: 'ASC' } })).map((p) => [p.bodyId, p.validFrom, p.validTo, p.name, p.status]);

  it('leaves the same periods as folding the events one by one', async () => {
    const events = history();
    for (const event of events) await readModelTransaction(dataSource, (tx) => governingBodiesProjection.apply(event, tx));
    const oneByOne = await periods();
    await dataSource.manager.clear(GoverningBodyPeriodRow);
    await dataSource.query(`DELETE FROM ${dataSource.getMetadata('GoverningBodyEventRow').tablePath}`);

    await readModelTransaction(dataSource, (tx) => governingBodiesProjection.applyEvents!(events, tx));
    expect(await periods()).toEqual(oneByOne);
    expect(oneByOne).toEqual([
      ['b1', '0000-01-01', '2019-01-01', 'Sở Y tế', 'ACTIVE'],
      ['b1', '2019-01-01', '2022-01-01', 'Sở Y tế (2019)', 'ACTIVE'],
      ['b1', '2022-01-01', '2025-07-01', 'Sở Y tế mới', 'ACTIVE'],
      ['b1', '2025-07-01', null, 'Sở Y tế mới', 'ABOLISHED'],
      ['b2', '0000-01-01', '2021-01-01', 'Sở Giáo dục', 'ACTIVE'],
      ['b2', '2021-01-01', null, 'Sở Giáo dục và Đào tạo', 'ACTIVE'],
    ]);
  });
});
