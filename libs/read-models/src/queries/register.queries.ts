import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainRefusal, type IsoDate } from '@reorg/domain';
import { settleWrittenPositions } from '@reorg/projections';
import { type BodyListQuery, GoverningBodyQueries, type GoverningBodyView } from '../governing-bodies/governing-body.queries';
import { type ReductionQuery, ReportQueries } from '../reports/report.queries';
import type { ReductionReport } from '../reports/reduction-report';
import type { Places } from '../units/structure-grouping';
import { UnitQueries } from '../units/unit.queries';

/* The register's reads, as sent on the QueryBus. Each handler first lets the request's own writes reach the read models (read-your-writes). */

type Result<T extends (...args: never[]) => unknown> = Awaited<ReturnType<T>>;

export class ListGoverningBodies extends Query<Result<GoverningBodyQueries['list']>> {
  constructor(readonly query: BodyListQuery) {
    super();
  }
}

export class GetGoverningBody extends Query<GoverningBodyView | undefined> {
  constructor(
    readonly bodyId: string,
    readonly asOf: IsoDate,
  ) {
    super();
  }
}

export class GetGoverningBodyLineage extends Query<Result<GoverningBodyQueries['lineage']>> {
  constructor(readonly bodyId: string) {
    super();
  }
}

export class ListUnits extends Query<Result<UnitQueries['list']>> {
  constructor(readonly query: Parameters<UnitQueries['list']>[0]) {
    super();
  }
}

export class GetUnit extends Query<Result<UnitQueries['get']>> {
  constructor(
    readonly unitId: string,
    readonly at: Parameters<UnitQueries['get']>[1],
  ) {
    super();
  }
}

export class GetUnitLineage extends Query<Result<UnitQueries['lineage']>> {
  constructor(readonly unitId: string) {
    super();
  }
}

/** The structure's JSON with the read models' positions it reflects (for its ETag). */
export class GetStructure extends Query<Result<UnitQueries['structureBody']>> {
  constructor(
    readonly at: Parameters<UnitQueries['structure']>[0],
    readonly now: string,
    /** Only the units and bodies of these places (a 2025 province's); absent: everything. */
    readonly places?: Places,
  ) {
    super();
  }
}

export class GetStructureDiff extends Query<Result<UnitQueries['diff']>> {
  constructor(
    readonly from: IsoDate,
    readonly to: IsoDate,
    readonly knownAt?: string,
  ) {
    super();
  }
}

export class GetReductionReport extends Query<ReductionReport> {
  constructor(readonly query: ReductionQuery) {
    super();
  }
}

@QueryHandler(ListGoverningBodies)
export class ListGoverningBodiesHandler implements IQueryHandler<ListGoverningBodies> {
  constructor(@Inject(GoverningBodyQueries) private readonly bodies: GoverningBodyQueries) {}

  async execute({ query }: ListGoverningBodies) {
    await settleWrittenPositions();
    return this.bodies.list(query);
  }
}

@QueryHandler(GetGoverningBody)
export class GetGoverningBodyHandler implements IQueryHandler<GetGoverningBody> {
  constructor(@Inject(GoverningBodyQueries) private readonly bodies: GoverningBodyQueries) {}

  async execute({ bodyId, asOf }: GetGoverningBody) {
    await settleWrittenPositions();
    return this.bodies.get(bodyId, asOf);
  }
}

@QueryHandler(GetGoverningBodyLineage)
export class GetGoverningBodyLineageHandler implements IQueryHandler<GetGoverningBodyLineage> {
  constructor(@Inject(GoverningBodyQueries) private readonly bodies: GoverningBodyQueries) {}

  async execute({ bodyId }: GetGoverningBodyLineage) {
    await settleWrittenPositions();
    return this.bodies.lineage(bodyId);
  }
}

@QueryHandler(ListUnits)
export class ListUnitsHandler implements IQueryHandler<ListUnits> {
  constructor(@Inject(UnitQueries) private readonly units: UnitQueries) {}

  async execute({ query }: ListUnits) {
    await settleWrittenPositions();
    return this.units.list(query);
  }
}

@QueryHandler(GetUnit)
export class GetUnitHandler implements IQueryHandler<GetUnit> {
  constructor(@Inject(UnitQueries) private readonly units: UnitQueries) {}

  async execute({ unitId, at }: GetUnit) {
    await settleWrittenPositions();
    return this.units.get(unitId, at);
  }
}

@QueryHandler(GetUnitLineage)
export class GetUnitLineageHandler implements IQueryHandler<GetUnitLineage> {
  constructor(@Inject(UnitQueries) private readonly units: UnitQueries) {}

  async execute({ unitId }: GetUnitLineage) {
    await settleWrittenPositions();
    return this.units.lineage(unitId);
  }
}

@QueryHandler(GetStructure)
export class GetStructureHandler implements IQueryHandler<GetStructure> {
  constructor(@Inject(UnitQueries) private readonly units: UnitQueries) {}

  async execute({ at, now, places }: GetStructure) {
    await settleWrittenPositions();
    return this.units.structureBody(at, now, places);
  }
}

/** The positions the structure's read models stand at: enough to answer If-None-Match without reading the structure. */
export class GetStructurePositions extends Query<string> {}

@QueryHandler(GetStructurePositions)
export class GetStructurePositionsHandler implements IQueryHandler<GetStructurePositions> {
  constructor(@Inject(UnitQueries) private readonly units: UnitQueries) {}

  async execute() {
    await settleWrittenPositions();
    return this.units.structurePositions();
  }
}

@QueryHandler(GetStructureDiff)
export class GetStructureDiffHandler implements IQueryHandler<GetStructureDiff> {
  constructor(@Inject(UnitQueries) private readonly units: UnitQueries) {}

  async execute({ from, to, knownAt }: GetStructureDiff) {
    await settleWrittenPositions();
    return this.units.diff(from, to, knownAt);
  }
}

@QueryHandler(GetReductionReport)
export class GetReductionReportHandler implements IQueryHandler<GetReductionReport> {
  constructor(@Inject(ReportQueries) private readonly reports: ReportQueries) {}

  async execute({ query }: GetReductionReport) {
    await settleWrittenPositions();
    if (query.territory !== undefined && !(await this.reports.knowsTerritory(query.territory))) {
      throw new DomainRefusal('NOT_FOUND', [
        {
          code: 'UNKNOWN_TERRITORY',
          detail: `no unit serves territory ${query.territory}: give a former province's code or OWN`,
          params: { territory: query.territory },
          path: 'territory',
        },
      ]);
    }
    return this.reports.reduction(query);
  }
}

export const GOVERNING_BODY_QUERY_HANDLERS = [ListGoverningBodiesHandler, GetGoverningBodyHandler, GetGoverningBodyLineageHandler];
export const UNIT_QUERY_HANDLERS = [ListUnitsHandler, GetUnitHandler, GetUnitLineageHandler, GetStructureHandler, GetStructurePositionsHandler, GetStructureDiffHandler];
export const REPORT_QUERY_HANDLERS = [GetReductionReportHandler];
