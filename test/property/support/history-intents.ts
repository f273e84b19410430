import fc from 'fast-check';
import type { OperationType } from '@reorg/domain';

/**
 * Raw random choices from which a decision history is interpreted (history-plan.ts). Choices are
 * indices and small numbers, so that fast-check can shrink them without breaking validity.
 */
export interface OperationIntent {
  kind: OperationType;
  picks: number[];
  quota: number;
  autonomy: number;
  body: number;
  sector: number;
  basicEssentialService: boolean;
  /** Whether optional fields (ABSORB's quota and autonomy after) are given. */
  explicit: boolean;
}

export interface DecisionIntent {
  /** Month index from January 2018 (60 months, across Decree 120's 2020-12-01). */
  month: number;
  /** The 1st or the 15th: nearby dates make "the day before" queries meaningful. */
  midMonth: boolean;
  operations: OperationIntent[];
  /** How many places later than its effective order the decision is recorded (a back-fill). */
  delay: number;
  /** Recorded in one batch (one atomic append) with the next decision in recording order. */
  batchWithNext: boolean;
}

export interface AnnulmentIntent {
  /** Which accepted decision (modulo their number) is annulled. */
  target: number;
  /** After which recording step (modulo their number). */
  after: number;
}

export interface BaselineIntent {
  body: number;
  sector: number;
  autonomy: number;
  quota: number;
  /** Years before the baseline date the unit was established; undefined: the baseline date. */
  yearsBefore: number | undefined;
}

/** A decision that restructures governing bodies (by code), placed among the unit decisions by its date. */
export interface BodyChangeIntent {
  month: number;
  midMonth: boolean;
  kind: 'MERGE' | 'SPLIT';
  picks: number[];
  /** MERGE: into a body the decision establishes; SPLIT: the body continues (only listed units leave). */
  variant: boolean;
  delay: number;
}

/** A second province's register (one body, some baseline units) that joins on a date. */
export interface ProvinceIntent {
  units: number;
  month: number;
  delay: number;
}

export interface HistoryIntent {
  /** Systems of governing bodies besides one GOVERNMENT and one PARTY_MASS body. */
  extraBodies: ('GOVERNMENT' | 'PARTY_MASS')[];
  baseline: BaselineIntent[];
  decisions: DecisionIntent[];
  annulments: AnnulmentIntent[];
  bodyChanges: BodyChangeIntent[];
  province: ProvinceIntent | undefined;
}

export interface QueryIntent {
  date: number;
  knownAt: number;
  /** Milliseconds added to the chosen recordedAt instant. */
  offsetMs: -1 | 0 | 1;
}

const OPERATION_KINDS: OperationType[] = [
  'ESTABLISH', 'CONSOLIDATE', 'ABSORB', 'DIVIDE', 'SEPARATE', 'DISSOLVE', 'RENAME', 'TRANSFER', 'CHANGE_AUTONOMY', 'CHANGE_STAFFING_QUOTA',
];

const operationIntent: fc.Arbitrary<OperationIntent> = fc.record({
  kind: fc.constantFrom(...OPERATION_KINDS),
  picks: fc.array(fc.nat(50), { minLength: 3, maxLength: 3 }),
  quota: fc.integer({ min: 1, max: 80 }),
  autonomy: fc.nat(3),
  body: fc.nat(5),
  sector: fc.nat(2),
  basicEssentialService: fc.boolean(),
  explicit: fc.boolean(),
});

const decisionIntent: fc.Arbitrary<DecisionIntent> = fc.record({
  month: fc.nat(59),
  midMonth: fc.boolean(),
  operations: fc.array(operationIntent, { minLength: 1, maxLength: 2 }),
  delay: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 6 }) }),
  batchWithNext: fc.nat(4).map((n) => n === 0),
});

const baselineIntent: fc.Arbitrary<BaselineIntent> = fc.record({
  body: fc.nat(5),
  sector: fc.nat(2),
  autonomy: fc.nat(3),
  quota: fc.integer({ min: 5, max: 60 }),
  yearsBefore: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
});

export const historyIntent: fc.Arbitrary<HistoryIntent> = fc.record({
  extraBodies: fc.array(fc.constantFrom('GOVERNMENT' as const, 'PARTY_MASS' as const), { maxLength: 2 }),
  baseline: fc.array(baselineIntent, { minLength: 2, maxLength: 6 }),
  decisions: fc.array(decisionIntent, { minLength: 2, maxLength: 16, size: 'max' }),
  annulments: fc.array(fc.record({ target: fc.nat(20), after: fc.nat(20) }), { maxLength: 3 }),
  bodyChanges: fc.array(
    fc.record({
      month: fc.nat(59),
      midMonth: fc.boolean(),
      kind: fc.constantFrom('MERGE' as const, 'SPLIT' as const),
      picks: fc.array(fc.nat(50), { minLength: 3, maxLength: 3 }),
      variant: fc.boolean(),
      delay: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }),
    }),
    { maxLength: 3 },
  ),
  province: fc.option(fc.record({ units: fc.integer({ min: 1, max: 3 }), month: fc.nat(59), delay: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }) }), {
    nil: undefined,
    freq: 2,
  }),
});

export const queryIntents: fc.Arbitrary<QueryIntent[]> = fc.array(
  fc.record({ date: fc.nat(100), knownAt: fc.nat(100), offsetMs: fc.constantFrom(-1 as const, 0 as const, 1 as const) }),
  { minLength: 4, maxLength: 8 },
);
