import { type Answer, type RaceBed, backFilled } from './race-bed';
import { decisionsRecordedFor, unitEventsOn } from './register-consistency';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

interface Proposal {
  id: string;
  title: string;
  dossierVersion: number;
}

const refusal = (answer: Answer<object>) => ({ status: answer.status, contentType: answer.contentType, code: (answer.body as { code?: unknown }).code });

function draft(bed: RaceBed, title: string, unitCode = 'H1') {
  return {
    title,
    rationale: 'Tinh gọn bộ máy theo Nghị quyết 19-NQ/TW',
    governingBodyId: bed.bodyId,
    proposedEffectiveDate: '2024-07-01',
    operations: [{ type: 'RENAME', unitId: bed.units[unitCode], newName: 'Bệnh viện Đa khoa trung tâm tỉnh' }],
  };
}

/**
 * `count` amendments of one draft fired at once, all with `If-Match: "1"` (spread over the bed's
 * processes): one 200, the rest 412, one ProposalAmended in the history and the log.
 */
export async function amendmentRace(bed: RaceBed, count: number): Promise<void> {
  const created = await bed.expect<Proposal>(bed.call('proposer', 'POST', '/api/v1/proposals', draft(bed, 'Bản gốc')), 201);
  const before = await bed.app.store.latestPosition();
  const titles = Array.from({ length: count }, (_, i) => `Bản sửa số ${i + 1}`);
  const answers = await Promise.all(titles.map((title, i) => bed.call<Proposal>('proposer', 'PUT', `/api/v1/proposals/${created.id}`, draft(bed, title), { 'if-match': '"1"' }, i)));

  const winners = answers.filter((answer) => answer.status === 200);
  expect(winners).toHaveLength(1);
  const losers = answers.filter((answer) => answer.status !== 200).map(refusal);
  expect(losers).toEqual(Array.from({ length: count - 1 }, () => ({ status: 412, contentType: PROBLEM_JSON, code: 'PRECONDITION_FAILED' })));
  const winner = winners[0].body;
  await bed.caughtUp();
  expect(winner).toMatchObject({ id: created.id, dossierVersion: 2, title: expect.stringMatching(/^Bản sửa số \d+$/) });

  expect(await bed.expect<Proposal>(bed.call('admin', 'GET', `/api/v1/proposals/${created.id}`), 200)).toMatchObject({ dossierVersion: 2, title: winner.title });
  const history = await bed.expect<{ items: { type: string }[] }>(bed.call('admin', 'GET', `/api/v1/proposals/${created.id}/history`), 200);
  expect(history.items.map((item) => item.type)).toEqual(['ProposalDrafted', 'ProposalAmended']);
  const written = await bed.app.store.readAll({ after: before });
  expect(written.map((event) => [event.streamId, event.type, (event.data as { title?: string }).title])).toEqual([[`proposal-${created.id}`, 'ProposalAmended', winner.title]]);
}

/**
 * `count` back-filled decisions, each changing the same unit on the same effective date, fired at
 * once: one 201, the rest 422 CONFLICTING_DECISION; the log, the unit's history and its read model
 * show the winner's change and nothing of the others.
 */
export async function decisionRace(bed: RaceBed, count: number, unitCode: string, date: string, dayBefore: string): Promise<void> {
  const unitId = bed.units[unitCode];
  const numbers = Array.from({ length: count }, (_, i) => `${100 + i}/QĐ-UBND-${unitCode}`);
  const operation = (i: number) => (i % 2 === 0 ? { type: 'CHANGE_STAFFING_QUOTA', unitId, staffingQuota: 30 + i } : { type: 'RENAME', unitId, newName: `Tên theo quyết định ${i}` });
  const before = await bed.app.store.latestPosition();
  const answers = await Promise.all(numbers.map((number, i) => bed.call('admin', 'POST', '/api/v1/decisions/import', backFilled(number, date, [operation(i)]), {}, i)));

  const won = answers.map((answer, i) => ({ answer, i })).filter(({ answer }) => answer.status === 201);
  expect(won).toHaveLength(1);
  const { i: winnerIndex } = won[0];
  const losers = answers.filter((answer) => answer.status !== 201);
  expect(losers.map(refusal)).toEqual(Array.from({ length: count - 1 }, () => ({ status: 422, contentType: PROBLEM_JSON, code: 'RULE_VIOLATION' })));
  for (const loser of losers) expect(loser.body.errors).toEqual([expect.objectContaining({ code: 'CONFLICTING_DECISION', decisionIndex: 0, operationIndex: 0 })]);

  // The log: one change of the unit on that date and one decision record, both the winner's; nothing else.
  const changes = await unitEventsOn(bed, unitId, date);
  expect(changes.map((event) => (event.data as { decision: { number: string } }).decision.number)).toEqual([numbers[winnerIndex]]);
  const recorded = await decisionsRecordedFor(bed, unitId, date);
  expect(recorded.map((event) => (event.data as { number: string }).number)).toEqual([numbers[winnerIndex]]);
  expect((await bed.app.store.readAll({ after: before })).map((event) => event.position).sort()).toEqual([...changes, ...recorded].map((event) => event.position).sort());

  // The unit's history and its read model agree with the log.
  await bed.caughtUp();
  const history = await bed.expect<{ items: { effectiveDate: string; decision?: { number: string } }[] }>(bed.call('admin', 'GET', `/api/v1/units/${unitId}/history`), 200);
  expect(history.items.filter((item) => item.effectiveDate === date).map((item) => item.decision?.number)).toEqual([numbers[winnerIndex]]);
  const expected = winnerIndex % 2 === 0 ? { staffingQuota: 30 + winnerIndex, name: `Đơn vị ${unitCode}` } : { staffingQuota: 40, name: `Tên theo quyết định ${winnerIndex}` };
  expect(await bed.expect(bed.call('admin', 'GET', `/api/v1/units/${unitId}?asOf=${date}`), 200)).toMatchObject(expected);
  expect(await bed.expect(bed.call('admin', 'GET', `/api/v1/units/${unitId}?asOf=${dayBefore}`), 200)).toMatchObject({ staffingQuota: 40, name: `Đơn vị ${unitCode}` });
}
