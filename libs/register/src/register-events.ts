import type { Operation, IsoDate } from '@reorg/domain';

/** Events of the decision stream: what was decided, and whether it was later annulled. */
export type DecisionEvent =
  | {
      type: 'DecisionRecorded';
      data: {
        key: string;
        number: string;
        date: IsoDate;
        effectiveDate: IsoDate;
        signer: string;
        issuer: string;
        operations: Operation[];
        proposalId?: string;
        source: 'import' | 'proposal' | 'abolition';
        createdUnits: { code: string; unitId: string; operationIndex: number }[];
        touchedUnitIds: string[];
      };
    }
  | { type: 'DecisionAnnulled'; data: { key: string; number: string; issuer: string; reason: string; annulledBy: { number: string; date: IsoDate } } };

/** Events of a code reservation stream. */
export type CodeEvent =
  | { type: 'UnitCodeReserved'; data: { code: string; unitId: string } }
  | { type: 'UnitCodeReleased'; data: { code: string; unitId: string; reason: string } }
  | { type: 'GoverningBodyCodeReserved'; data: { code: string; bodyId: string } };
