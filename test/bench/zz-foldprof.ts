import { SqliteEventStore } from '@reorg/event-store';
import { UnitsBulkFold } from '@reorg/register/read-models/units/units.bulk-fold';
async function main() {
  const store = SqliteEventStore.open({ path: '/tmp/unitslog/units-200000.sqlite' });
  let position = 0;
  let read = 0;
  let folding = 0;
  const fold = new UnitsBulkFold();
  const t0 = performance.now();
  for (;;) { const r = performance.now(); const page = await store.readAll({ after: position, maxCount: 10_000 }); read += performance.now() - r; if (!page.length) break; const f = performance.now(); fold.fold(page); folding += performance.now() - f; position = page.at(-1)!.position; }
  const f = performance.now(); fold.finish(); const fin = performance.now() - f;
  console.log({ total: performance.now() - t0, read, folding, fin, heapMB: process.memoryUsage().heapUsed / 2 ** 20 });
  await store.close();
}
main();
