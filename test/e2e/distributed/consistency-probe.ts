import { randomBytes } from 'node:crypto';
import { ApprovalFlow, type ProposalBody, json } from '../execution/approval-flow';

const EFFECTIVE = '2025-07-01';
const POLL_DEADLINE_MS = 60_000;

interface UnitView {
  unitId: string;
  code: string;
  status: string;
  governingBodyId: string;
}

interface Lineage {
  predecessors: { unitId: string }[];
  successors: { unitId: string }[];
}

async function inBatches<T>(count: number, concurrency: number, run: (index: number) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) found.push(...(await run(next++)));
    }),
  );
  return found;
}

/**
 * A reader that polls until it sees a change (a proposal EXECUTED, a body abolished) and at once
 * reads what that change altered, while another client makes it happen; returns what it found
 * behind the change (nothing, if the read side is one consistent view).
 */
export class ConsistencyProbe {
  private readonly flow: ApprovalFlow;
  private readonly run = randomBytes(3).toString('hex').toUpperCase();

  constructor(url: string) {
    this.flow = new ApprovalFlow(url);
  }

  async consolidations(count: number, concurrency: number): Promise<string[]> {
    const admin = await this.flow.token('admin-1', ['admin']);
    const bodyId = await this.body(admin, `CP${this.run}`);
    const units = await this.importUnits(admin, `CP${this.run}`, 2 * count);
    const proposer = await this.flow.token('proposer-1', ['proposer'], [bodyId]);
    return inBatches(count, concurrency, async (i) => {
      const [a, b] = [units[2 * i], units[2 * i + 1]];
      const newCode = `N${this.run}-${i}`;
      const created = await json<ProposalBody>(
        await this.flow.call(proposer, 'POST', '/api/v1/proposals', {
          title: `Hợp nhất ${i}`,
          rationale: 'Theo Nghị quyết 19-NQ/TW',
          governingBodyId: bodyId,
          proposedEffectiveDate: EFFECTIVE,
          operations: [{ type: 'CONSOLIDATE', sourceUnitIds: [a, b], newUnit: { code: newCode, name: `Trung tâm hợp nhất ${i}`, governingBodyId: bodyId, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 20 } }],
        }),
        201,
      );
      const submitted = await json<ProposalBody>(await this.flow.call(proposer, 'POST', `/api/v1/proposals/${created.id}/submit`), 200);
      const observed = this.until(admin, `/api/v1/proposals/${created.id}`, (status, view: { status: string }) => status === 200 && view.status === 'EXECUTED');
      await this.flow.approveAll(submitted, { number: `${i}/QĐ-UBND`, date: '2025-06-20', effectiveDate: EFFECTIVE });
      await observed;
      // The proposal reads EXECUTED: everything below must already show the consolidation.
      const found: string[] = [];
      for (const source of [a, b]) {
        const unit = await json<UnitView>(await this.flow.call(admin, 'GET', `/api/v1/units/${source}`), 200);
        if (unit.status !== 'MERGED') found.push(`proposal ${i} EXECUTED but source unit ${unit.code} is ${unit.status}`);
        const lineage = await json<Lineage>(await this.flow.call(admin, 'GET', `/api/v1/units/${source}/lineage`), 200);
        if (lineage.successors.length !== 1) found.push(`proposal ${i} EXECUTED but ${unit.code} has ${lineage.successors.length} successors`);
      }
      const { items } = await json<{ items: UnitView[] }>(await this.flow.call(admin, 'GET', `/api/v1/units?q=${encodeURIComponent(newCode)}`), 200);
      const merged = items.find((unit) => unit.code === newCode);
      if (!merged) return [...found, `proposal ${i} EXECUTED but the new unit ${newCode} is not listed`];
      const lineage = await json<Lineage>(await this.flow.call(admin, 'GET', `/api/v1/units/${merged.unitId}/lineage`), 200);
      const predecessors = lineage.predecessors.map((unit) => unit.unitId).sort();
      if (predecessors.join() !== [a, b].sort().join()) found.push(`proposal ${i} EXECUTED but ${newCode}'s predecessors are [${predecessors.join(', ')}]`);
      return found;
    });
  }

  async abolitions(count: number, concurrency: number): Promise<string[]> {
    const admin = await this.flow.token('admin-1', ['admin']);
    const successor = await this.body(admin, `AS${this.run}`);
    return inBatches(count, concurrency, async (i) => {
      const code = `AB${this.run}-${i}`;
      const bodyId = await this.body(admin, code);
      const units = await this.importUnits(admin, code, 2);
      // Abolished on the day asked about (today) it is no longer there: 404 (it was there before, its units were imported under it).
      const observed = this.until(admin, `/api/v1/governing-bodies/${bodyId}`, (status, view: { status?: string }) => status === 404 || view.status === 'ABOLISHED');
      await json(
        await this.flow.call(admin, 'POST', `/api/v1/governing-bodies/${bodyId}/abolish`, { effectiveDate: EFFECTIVE, decision: { number: `${i}/QĐ-BB`, date: '2025-06-20' }, transferUnitsTo: successor }),
        200,
      );
      await observed;
      const found: string[] = [];
      for (const unitId of units) {
        const unit = await json<UnitView>(await this.flow.call(admin, 'GET', `/api/v1/units/${unitId}`), 200);
        if (unit.governingBodyId !== successor) found.push(`body ${code} ABOLISHED but unit ${unit.code} is still under ${unit.governingBodyId}`);
      }
      return found;
    });
  }

  private async body(admin: string, code: string): Promise<string> {
    return (await json<{ id: string }>(await this.flow.call(admin, 'POST', '/api/v1/governing-bodies', { code, name: `Cơ quan ${code}`, system: 'GOVERNMENT', level: 'PROVINCE' }), 201)).id;
  }

  private async importUnits(admin: string, bodyCode: string, count: number): Promise<string[]> {
    const units = Array.from({ length: count }, (_, k) => ({ code: `${bodyCode}-U${k}`, name: `Đơn vị ${bodyCode} ${k}`, governingBodyCode: bodyCode, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 10 }));
    const imported = await json<{ units: { unitId: string }[] }>(await this.flow.call(admin, 'POST', '/api/v1/units/import', { asOf: '2017-12-31', units }), 201);
    return imported.units.map((unit) => unit.unitId);
  }

  /** Polls as fast as the api answers (a person refreshing): the first answer that matches ends it. */
  private async until<T>(token: string, path: string, matches: (status: number, view: T) => boolean): Promise<void> {
    const deadline = Date.now() + POLL_DEADLINE_MS;
    while (Date.now() < deadline) {
      const response = await this.flow.call(token, 'GET', path);
      if (response.status !== 200 && response.status !== 404) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      if (matches(response.status, (await response.json()) as T)) return;
    }
    throw new Error(`${path} did not change within ${POLL_DEADLINE_MS} ms`);
  }
}
