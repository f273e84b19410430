import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AbolitionService } from '../governing-bodies/abolition-service';
import { AnnulmentService } from '../decisions/annulment-service';
import { BaselineService } from '../units/baseline-service';
import { DecisionService } from '../decisions/decision-service';
import { GoverningBodyService } from '../governing-bodies/governing-body-service';
import { ProvinceMergerService } from '../decisions/province-merger-service';
import { AbolishGoverningBody, AnnulDecision, ImportBaseline, MergeProvince, RecordDecisions, RegisterGoverningBody, RenameGoverningBody } from './register.commands';

/* Each handler hands its command to the service that names its streams and decider (on the CommandPipeline). */

@CommandHandler(RegisterGoverningBody)
export class RegisterGoverningBodyHandler implements ICommandHandler<RegisterGoverningBody> {
  constructor(@Inject(GoverningBodyService) private readonly bodies: GoverningBodyService) {}

  execute({ body, context }: RegisterGoverningBody) {
    return this.bodies.register(body, context);
  }
}

@CommandHandler(RenameGoverningBody)
export class RenameGoverningBodyHandler implements ICommandHandler<RenameGoverningBody> {
  constructor(@Inject(GoverningBodyService) private readonly bodies: GoverningBodyService) {}

  execute({ bodyId, rename, context }: RenameGoverningBody) {
    return this.bodies.rename(bodyId, rename, context);
  }
}

@CommandHandler(AbolishGoverningBody)
export class AbolishGoverningBodyHandler implements ICommandHandler<AbolishGoverningBody> {
  constructor(@Inject(AbolitionService) private readonly abolitions: AbolitionService) {}

  execute({ bodyId, abolition, context }: AbolishGoverningBody) {
    return this.abolitions.abolish(bodyId, abolition, context);
  }
}

@CommandHandler(ImportBaseline)
export class ImportBaselineHandler implements ICommandHandler<ImportBaseline> {
  constructor(@Inject(BaselineService) private readonly baseline: BaselineService) {}

  execute({ asOf, rows, context }: ImportBaseline) {
    return this.baseline.import(asOf, rows, context);
  }
}

@CommandHandler(RecordDecisions)
export class RecordDecisionsHandler implements ICommandHandler<RecordDecisions> {
  constructor(@Inject(DecisionService) private readonly decisions: DecisionService) {}

  execute({ decisions, context, source }: RecordDecisions) {
    return this.decisions.record(decisions, context, source);
  }
}

@CommandHandler(AnnulDecision)
export class AnnulDecisionHandler implements ICommandHandler<AnnulDecision> {
  constructor(@Inject(AnnulmentService) private readonly annulments: AnnulmentService) {}

  execute({ annulment, context }: AnnulDecision) {
    return this.annulments.annul(annulment, context);
  }
}

@CommandHandler(MergeProvince)
export class MergeProvinceHandler implements ICommandHandler<MergeProvince> {
  constructor(@Inject(ProvinceMergerService) private readonly mergers: ProvinceMergerService) {}

  execute({ merger, context }: MergeProvince) {
    return this.mergers.merge(merger, context);
  }
}

export const REGISTER_COMMAND_HANDLERS = [
  MergeProvinceHandler,
  RegisterGoverningBodyHandler,
  RenameGoverningBodyHandler,
  AbolishGoverningBodyHandler,
  ImportBaselineHandler,
  RecordDecisionsHandler,
  AnnulDecisionHandler,
];
