import type { IsoDate } from '../shared/calendar';
import type { OperationType, UnitLevel, UnitSystem } from '../shared/code-lists';

/**
 * The roles that sign steps (docs/http-contract.md#identity-and-roles). `commune_leader` (Chủ tịch UBND xã) decides only for
 * the governing bodies of its token, as Decree 283 gives the commune People's Committee its own units.
 */
export const APPROVER_ROLES = ['doha_appraiser', 'party_standing_board', 'ppc_leader', 'commune_leader'] as const;
/** Roles that act only for the governing bodies named in the approver's token. */
export const BODY_SCOPED_APPROVER_ROLES: readonly ApproverRole[] = ['commune_leader'];
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/**
 * A condition on a proposal; every field given must hold (absent fields always hold).
 * `operationTypes` holds when at least one of the proposal's operations has one of the types;
 * `exceptOperationTypes` when none has. `effectiveFrom` (inclusive) and `effectiveBefore`
 * (exclusive) bound the proposal's effective date, so one policy file carries the chains of
 * every period (the law that applies is the one in force on the effective date).
 */
export interface PolicyCondition {
  systems?: readonly UnitSystem[];
  levels?: readonly UnitLevel[];
  operationTypes?: readonly OperationType[];
  exceptOperationTypes?: readonly OperationType[];
  effectiveFrom?: IsoDate;
  effectiveBefore?: IsoDate;
}

export interface PolicyStep {
  name: string;
  role: ApproverRole;
  deadlineWorkingDays: number;
  /** The step belongs to the chain only when this holds. */
  when?: PolicyCondition;
}

export interface PolicyChain {
  /** A readable key, e.g. `government`. */
  key: string;
  when: PolicyCondition;
  /** Who issues the decision that the final step approves, unless the approver names another. */
  decisionIssuer: string;
  steps: readonly PolicyStep[];
}

/** The approval policy: data, versioned; the first chain whose condition holds applies. */
export interface ApprovalPolicy {
  id: string;
  version: number;
  chains: readonly PolicyChain[];
}

/** What the policy looks at: the system and level of the proposal's governing body, its operations and effective date. */
export interface ProposalFacts {
  system: UnitSystem;
  level: UnitLevel;
  operationTypes: readonly OperationType[];
  /** The proposed effective date; a condition with date bounds does not hold without it. */
  effectiveDate?: IsoDate;
}

export interface ChosenChain {
  policy: { id: string; version: number };
  chain: string;
  decisionIssuer: string;
  steps: { name: string; role: ApproverRole; deadlineWorkingDays: number }[];
}

export function conditionHolds(condition: PolicyCondition | undefined, facts: ProposalFacts): boolean {
  if (!condition) return true;
  if (condition.systems && !condition.systems.includes(facts.system)) return false;
  if (condition.levels && !condition.levels.includes(facts.level)) return false;
  if (condition.operationTypes && !facts.operationTypes.some((type) => condition.operationTypes?.includes(type))) return false;
  if (condition.exceptOperationTypes && facts.operationTypes.some((type) => condition.exceptOperationTypes?.includes(type))) return false;
  if (condition.effectiveFrom && !(facts.effectiveDate && facts.effectiveDate >= condition.effectiveFrom)) return false;
  if (condition.effectiveBefore && !(facts.effectiveDate && facts.effectiveDate < condition.effectiveBefore)) return false;
  return true;
}

/** The chain that applies to a proposal, with its conditional steps resolved; undefined when no chain applies or it has no step left. */
export function chooseChain(policy: ApprovalPolicy, facts: ProposalFacts): ChosenChain | undefined {
  const chain = policy.chains.find((candidate) => conditionHolds(candidate.when, facts));
  if (!chain) return undefined;
  const steps = chain.steps
    .filter((step) => conditionHolds(step.when, facts))
    .map(({ name, role, deadlineWorkingDays }) => ({ name, role, deadlineWorkingDays }));
  if (steps.length === 0) return undefined;
  return { policy: { id: policy.id, version: policy.version }, chain: chain.key, decisionIssuer: chain.decisionIssuer, steps };
}
