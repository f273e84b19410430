import type { BodyOperation, Operation, IsoDate } from '@reorg/domain';

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
        bodyOperations?: BodyOperation[];
        establishedBodies?: { code: string; bodyId: string; bodyOperationIndex: number }[];
        proposalId?: string;
        source: 'import' | 'proposal' | 'abolition' | 'province-merger';
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
