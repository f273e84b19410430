import { createHash } from 'node:crypto';
import { canonicalDossier, dossierHash } from './dossier-hash';
import type { ProposalEvent } from './proposal';
import { proposalDecider } from './proposal-decider';
import { deciderSpec } from './testing/decider-spec';
import { AT, EDUCATION, HEALTH, LATER, PARTY, content, proposer, registerWithUnits } from './testing/proposal-fixtures';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const spec = deciderSpec(proposalDecider({ sha256Hex, register: registerWithUnits() }));
const ID = 'proposal-1';
const FILE = { attachmentId: 'att-1', name: 'To trinh.pdf', mediaType: 'application/pdf', size: 1234, sha256: 'a'.repeat(64) };

const create = (overrides = {}, actor = proposer) => ({ type: 'CreateProposal' as const, data: { proposalId: ID, content: content(overrides), actor, at: AT } });
const amend = (expectedDossierVersion: number, overrides = {}, actor = proposer) => ({
  type: 'AmendProposal' as const,
  data: { proposalId: ID, expectedDossierVersion, content: content(overrides), actor, at: LATER },
});
const attach = (file = FILE, actor = proposer) => ({ type: 'AddAttachment' as const, data: { proposalId: ID, file, actor, at: LATER } });
const withdraw = (actor = proposer) => ({ type: 'WithdrawProposal' as const, data: { proposalId: ID, reason: 'Chờ chủ trương mới', actor, at: LATER } });

/** The events of a successful command, for use as history. */
const drafted = (): ProposalEvent[] => spec.given().when(create()).events;
const history = (...commands: Parameters<ReturnType<typeof spec.given>['when']>[0][]): ProposalEvent[] =>
  commands.reduce<ProposalEvent[]>((events, command) => [...events, ...spec.given(...events).when(command).events], []);

describe('proposal decider', () => {
  describe('CreateProposal', () => {
    it('drafts the proposal at dossier version 1 with the hash of its canonical dossier', () => {
      const expectedHash = sha256Hex(
        '{"attachments":[],"content":{"governingBodyId":"body-health","operations":[{"sourceUnitIds":["unit-h2"],"targetUnitId":"unit-h1","type":"ABSORB"}],' +
          '"proposedEffectiveDate":"2024-07-01","rationale":"Tinh gọn bộ máy theo Nghị quyết 19-NQ/TW","title":"Sáp nhập Trung tâm H2 vào Bệnh viện H1"},' +
          '"dossierVersion":1,"proposalId":"proposal-1"}',
      );
      const result = spec.given().when(create());
      expect(result.events).toEqual([
        { type: 'ProposalDrafted', data: { proposalId: ID, proposedBy: 'nguyen.van.a', ...content(), dossierVersion: 1, dossierHash: expectedHash, draftedAt: AT } },
      ]);
      expect(result.state).toMatchObject({ status: 'DRAFT', dossierVersion: 1, dossierHash: expectedHash, proposedBy: 'nguyen.van.a', attachments: [], createdAt: AT });
    });

    it('stores text NFC-normalised, so the hash does not depend on how the text was typed', () => {
      const decomposed = 'Tru\u0301o\u031bng'; // typed with combining marks
      const [typed] = spec.given().when(create({ title: decomposed })).events;
      const [composed] = spec.given().when(create({ title: decomposed.normalize('NFC') })).events;
      expect(typed.type === 'ProposalDrafted' && typed.data.title).toBe(decomposed.normalize('NFC'));
      expect(typed.data).toEqual(composed.data);
    });

    it('lets an operation name by code a unit that an earlier operation creates', () => {
      const result = spec.given().when(
        create({
          operations: [
            { type: 'ESTABLISH', unit: { code: 'H9', name: 'Trung tâm H9', governingBodyId: HEALTH, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 20 } },
            { type: 'RENAME', unitCode: 'h9', newName: 'Trung tâm Kiểm soát bệnh tật' },
          ],
        }),
      );
      expect(result.events.map((e) => e.type)).toEqual(['ProposalDrafted']);
    });

    it('refuses an unknown governing body with NOT_FOUND', () => {
      expect(spec.given().when(create({ governingBodyId: 'body-nowhere' }, { id: 'x', governingBodyIds: ['body-nowhere'] })).refused).toEqual({
        kind: 'NOT_FOUND',
        violations: [{ code: 'UNKNOWN_GOVERNING_BODY', path: 'governingBodyId' }],
      });
    });

    it('refuses a proposal for a body the proposer does not act for with FORBIDDEN', () => {
      expect(spec.given().when(create({ governingBodyId: EDUCATION, operations: [] })).refused).toEqual({
        kind: 'FORBIDDEN',
        violations: [{ code: 'GOVERNING_BODY_NOT_ALLOWED', path: 'governingBodyId' }],
      });
    });

    it('refuses unknown units, by id and by code, naming each operation and field', () => {
      const result = spec.given().when(
        create({
          operations: [
            { type: 'RENAME', unitId: 'unit-nowhere', newName: 'X' },
            { type: 'ABSORB', targetUnitCode: 'H1', sourceUnitCodes: ['H2', 'NOPE'] },
          ],
        }),
      );
      expect(result.refused).toEqual({
        kind: 'NOT_FOUND',
        violations: [
          { code: 'UNKNOWN_UNIT', path: 'operations[0].unitId', operationIndex: 0 },
          { code: 'UNKNOWN_UNIT', path: 'operations[1].sourceUnitCodes[1]', operationIndex: 1 },
        ],
      });
    });

    it('refuses a unit under another governing body with FORBIDDEN', () => {
      expect(spec.given().when(create({ operations: [{ type: 'DISSOLVE', unitId: 'unit-e1', settlementRef: 'BB-01' }] })).refused).toEqual({
        kind: 'FORBIDDEN',
        violations: [{ code: 'UNIT_NOT_ALLOWED', path: 'operations[0].unitId', operationIndex: 0 }],
      });
    });

    it("refuses a TRANSFER to a body the proposer does not act for, and a new unit under an unknown body", () => {
      expect(spec.given().when(create({ operations: [{ type: 'TRANSFER', unitId: 'unit-h1', toGoverningBodyId: PARTY }] })).refused).toEqual({
        kind: 'FORBIDDEN',
        violations: [{ code: 'GOVERNING_BODY_NOT_ALLOWED', path: 'operations[0].toGoverningBodyId', operationIndex: 0 }],
      });
      const newUnits = [
        { code: 'N1', name: 'N1', governingBodyId: HEALTH, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 15 },
        { code: 'N2', name: 'N2', governingBodyId: 'body-nowhere', level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 15 },
      ] as const;
      expect(spec.given().when(create({ operations: [{ type: 'DIVIDE', sourceUnitId: 'unit-h1', newUnits: [...newUnits] }] })).refused).toEqual({
        kind: 'NOT_FOUND',
        violations: [{ code: 'UNKNOWN_GOVERNING_BODY', path: 'operations[0].newUnits[1].governingBodyId', operationIndex: 0 }],
      });
    });

    it('answers NOT_FOUND before FORBIDDEN when a dossier has both', () => {
      const result = spec.given().when(
        create({ operations: [{ type: 'DISSOLVE', unitId: 'unit-e1', settlementRef: 'BB-01' }, { type: 'RENAME', unitCode: 'NOPE', newName: 'X' }] }),
      );
      expect(result.refused.kind).toBe('NOT_FOUND');
    });

    it('refuses to draft over an existing proposal', () => {
      expect(spec.given(...drafted()).when(create()).refused).toEqual({ kind: 'CONFLICT', violations: [{ code: 'PROPOSAL_EXISTS' }] });
    });
  });

  describe('AmendProposal', () => {
    it('replaces the content and moves the dossier to the next version with a new hash', () => {
      const before = spec.given(...drafted()).when(attach()).state;
      const result = spec.given(...history(create(), attach())).when(amend(1, { title: 'Tiêu đề mới', proposedEffectiveDate: '2024-09-01' }));
      const [event] = result.events;
      expect(event).toMatchObject({ type: 'ProposalAmended', data: { proposalId: ID, amendedBy: 'nguyen.van.a', title: 'Tiêu đề mới', dossierVersion: 2, amendedAt: LATER } });
      expect(result.state).toMatchObject({ status: 'DRAFT', dossierVersion: 2, proposedBy: 'nguyen.van.a', createdAt: AT, updatedAt: LATER });
      expect(result.state.status !== 'NONE' && result.state.dossierHash).not.toBe(before.status !== 'NONE' && before.dossierHash);
      expect(result.state.status !== 'NONE' && result.state.attachments.map((a) => a.dossierVersion)).toEqual([1]);
    });

    it('refuses a stale expected version with PRECONDITION_FAILED', () => {
      const twice = history(create(), amend(1));
      expect(spec.given(...twice).when(amend(1)).refused).toEqual({ kind: 'PRECONDITION_FAILED', violations: [{ code: 'PRECONDITION_FAILED' }] });
      expect(spec.given(...twice).when(amend(2)).events[0]).toMatchObject({ data: { dossierVersion: 3 } });
    });

    it('refuses to amend a withdrawn proposal with INVALID_STATE, whatever the version', () => {
      const withdrawn = history(create(), withdraw());
      expect(spec.given(...withdrawn).when(amend(1)).refused).toEqual({ kind: 'INVALID_STATE', violations: [{ code: 'INVALID_STATE' }] });
      expect(spec.given(...withdrawn).when(amend(7)).refused.kind).toBe('INVALID_STATE');
    });

    it('answers NOT_FOUND for an unknown proposal and for one of a body the proposer does not act for', () => {
      expect(spec.given().when(amend(1)).refused.kind).toBe('NOT_FOUND');
      expect(spec.given(...drafted()).when(amend(1, {}, { id: 'tran.thi.b', governingBodyIds: [EDUCATION] })).refused).toEqual({ kind: 'NOT_FOUND', violations: [{ code: 'NOT_FOUND' }] });
    });

    it('checks the amended dossier’s references like a new one', () => {
      expect(spec.given(...drafted()).when(amend(1, { governingBodyId: EDUCATION, operations: [] })).refused.kind).toBe('FORBIDDEN');
      expect(spec.given(...drafted()).when(amend(1, { operations: [{ type: 'RENAME', unitId: 'unit-x', newName: 'X' }] })).refused).toEqual({
        kind: 'NOT_FOUND',
        violations: [{ code: 'UNKNOWN_UNIT', path: 'operations[0].unitId', operationIndex: 0 }],
      });
    });
  });

  describe('AddAttachment', () => {
    it('adds the file to the current dossier version, whose hash now covers the file’s SHA-256', () => {
      const result = spec.given(...drafted()).when(attach());
      const state = result.state;
      if (state.status === 'NONE') throw new Error('spec error');
      expect(result.events).toEqual([
        { type: 'AttachmentAdded', data: { proposalId: ID, ...FILE, dossierVersion: 1, dossierHash: state.dossierHash, addedBy: 'nguyen.van.a', addedAt: LATER } },
      ]);
      expect(state.dossierVersion).toBe(1);
      expect(state.dossierHash).toBe(sha256Hex(canonicalDossier({ proposalId: ID, dossierVersion: 1, content: content(), attachments: [{ ...FILE, dossierVersion: 1 }] })));
      const otherBytes = spec.given(...drafted()).when(attach({ ...FILE, sha256: 'b'.repeat(64) })).state;
      expect(otherBytes.status !== 'NONE' && otherBytes.dossierHash).not.toBe(state.dossierHash);
    });

    it('refuses a repeated attachment id, a withdrawn proposal and an invisible one', () => {
      expect(spec.given(...history(create(), attach())).when(attach()).refused).toEqual({ kind: 'CONFLICT', violations: [{ code: 'DUPLICATE_ATTACHMENT' }] });
      expect(spec.given(...history(create(), withdraw())).when(attach()).refused.kind).toBe('INVALID_STATE');
      expect(spec.given(...drafted()).when(attach(FILE, { id: 'x', governingBodyIds: [] })).refused.kind).toBe('NOT_FOUND');
      expect(spec.given().when(attach()).refused.kind).toBe('NOT_FOUND');
    });
  });

  describe('WithdrawProposal', () => {
    it('withdraws a draft with its reason, keeping the dossier', () => {
      const result = spec.given(...drafted()).when(withdraw());
      expect(result.events).toEqual([
        { type: 'ProposalWithdrawn', data: { proposalId: ID, reason: 'Chờ chủ trương mới', withdrawnBy: 'nguyen.van.a', withdrawnAt: LATER, fromStatus: 'DRAFT', cancelledStepIds: [] } },
      ]);
      expect(result.state).toMatchObject({ status: 'WITHDRAWN', dossierVersion: 1, withdrawal: { reason: 'Chờ chủ trương mới', by: 'nguyen.van.a', at: LATER, fromStatus: 'DRAFT' } });
    });

    it('refuses to withdraw twice (INVALID_STATE), an unknown proposal and an invisible one (NOT_FOUND)', () => {
      expect(spec.given(...history(create(), withdraw())).when(withdraw()).refused).toEqual({ kind: 'INVALID_STATE', violations: [{ code: 'INVALID_STATE' }] });
      expect(spec.given().when(withdraw()).refused.kind).toBe('NOT_FOUND');
      expect(spec.given(...drafted()).when(withdraw({ id: 'y', governingBodyIds: [EDUCATION] })).refused.kind).toBe('NOT_FOUND');
    });
  });

  it('folds to a state whose hash anyone can recompute from the events', () => {
    const state = spec.given(...history(create(), attach(), amend(1))).when(attach({ ...FILE, attachmentId: 'att-2' })).state;
    if (state.status === 'NONE') throw new Error('spec error');
    expect(dossierHash({ proposalId: state.proposalId, dossierVersion: state.dossierVersion, content: state.content, attachments: state.attachments }, sha256Hex)).toBe(state.dossierHash);
    expect(state.attachments.map((a) => [a.attachmentId, a.dossierVersion])).toEqual([['att-1', 1], ['att-2', 2]]);
  });
});
