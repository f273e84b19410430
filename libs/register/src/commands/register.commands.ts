import { Command } from '@nestjs/cqrs';
import type { IsoDate } from '@reorg/domain';
import type { AbolitionInput } from '../governing-bodies/abolition-service';
import type { AnnulledDecision, AnnulmentInput } from '../decisions/annulment-service';
import type { BaselineRow, ImportedBaseline } from '../units/baseline-service';
import type { CommandContext } from '../command-context';
import type { Committed } from '../command-pipeline';
import type { DecisionInput, DecisionSource, RecordedDecisions } from '../decisions/decision-service';
import type { BodyDecision, NewGoverningBody } from '../governing-bodies/governing-body-service';
import type { ProvinceJoined, ProvinceMergerInput } from '../decisions/province-merger-service';

/** The register's write use cases, as sent on the CommandBus; each carries who acts and the command id (CommandContext). */

export class RegisterGoverningBody extends Command<Committed<{ bodyId: string }>> {
  constructor(
    readonly body: NewGoverningBody,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class RenameGoverningBody extends Command<Committed<object>> {
  constructor(
    readonly bodyId: string,
    readonly rename: { name: string; effectiveDate: IsoDate; decision: BodyDecision },
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class AbolishGoverningBody extends Command<Committed<{ transferredUnitIds: string[] }>> {
  constructor(
    readonly bodyId: string,
    readonly abolition: AbolitionInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class ImportBaseline extends Command<Committed<ImportedBaseline>> {
  constructor(
    readonly asOf: IsoDate,
    readonly rows: BaselineRow[],
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class RecordDecisions extends Command<RecordedDecisions> {
  constructor(
    readonly decisions: DecisionInput[],
    readonly context: CommandContext,
    readonly source: DecisionSource,
  ) {
    super();
  }
}

export class AnnulDecision extends Command<Committed<AnnulledDecision>> {
  constructor(
    readonly annulment: AnnulmentInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class MergeProvince extends Command<Committed<ProvinceJoined>> {
  constructor(
    readonly merger: ProvinceMergerInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
