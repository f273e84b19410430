import { randomUUID } from 'node:crypto';
import { DomainRefusal, codeIsIdentifier, type GoverningBodyEvent, type IsoDate, type UnitLevel, type UnitSystem } from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import { CommandPipeline, type Committed } from '../command-pipeline';
import { type CommandContext, metadataOf } from '../command-context';
import { RegisterRepository, toNewEvents } from '../register-repository';
import { Streams } from '../streams';

export interface NewGoverningBody {
  code: string;
  name: string;
  system: UnitSystem;
  level: UnitLevel;
  parentId?: string;
  /** Another province's register the body belongs to until that province joins. */
  province?: string;
}

export interface BodyDecision {
  number: string;
  date: IsoDate;
}

const notFound = (bodyId: string) => new DomainRefusal('NOT_FOUND', [{ code: 'NOT_FOUND', detail: `no governing body ${bodyId}`, variant: 'body', params: { body: bodyId } }]);

/** Governing bodies: reference data with dated renames and abolition. */
export class GoverningBodyService {
  private readonly repository: RegisterRepository;
  private readonly pipeline: CommandPipeline;

  constructor(store: EventStore) {
    this.repository = new RegisterRepository(store);
    this.pipeline = new CommandPipeline(store);
  }

  /** Two streams: the code's reservation (expects no stream, so a used code conflicts) and the body's. */
  register(input: NewGoverningBody, context: CommandContext): Promise<Committed<{ bodyId: string }>> {
    return this.pipeline.run({
      commandId: context.commandId,
      decide: async () => {
        const invalidCode = codeIsIdentifier(input.code, 'code');
        if (invalidCode) throw new DomainRefusal('RULE_VIOLATION', [invalidCode]);
        if (input.parentId && !(await this.repository.loadBody(input.parentId))) {
          throw new DomainRefusal('RULE_VIOLATION', [{ code: 'UNKNOWN_GOVERNING_BODY', detail: `no parent governing body ${input.parentId}`, variant: 'parent', params: { body: input.parentId }, path: 'parentId' }]);
        }
        const bodyId = randomUUID();
        const metadata = metadataOf(context);
        const registered: GoverningBodyEvent = { type: 'GoverningBodyRegistered', data: { bodyId, ...input } };
        return {
          appends: [
            { streamId: Streams.bodyCode(input.code), expectedVersion: 'no_stream', events: toNewEvents([{ type: 'GoverningBodyCodeReserved', data: { code: input.code, bodyId } }], metadata) },
            { streamId: Streams.body(bodyId), expectedVersion: 'no_stream', events: toNewEvents([registered], metadata) },
          ],
          result: { bodyId },
        };
      },
      replay: async () => ({ bodyId: (await this.repository.bodyIdByCode(input.code)) ?? '' }),
      refuseConflict: () => new DomainRefusal('DUPLICATE_CODE', [{ code: 'DUPLICATE_CODE', detail: `governing body code ${input.code} is already used`, variant: 'body', params: { code: input.code }, path: 'code' }]),
    });
  }

  rename(bodyId: string, input: { name: string; effectiveDate: IsoDate; decision: BodyDecision }, context: CommandContext): Promise<Committed<object>> {
    return this.pipeline.run({
      commandId: context.commandId,
      decide: async () => {
        const loaded = await this.repository.loadBody(bodyId);
        if (!loaded) throw notFound(bodyId);
        const state = loaded.value.asOf(input.effectiveDate);
        if (!state || state.status !== 'ACTIVE') {
          throw new DomainRefusal('RULE_VIOLATION', [{ code: 'GOVERNING_BODY_NOT_ACTIVE', detail: `governing body ${bodyId} is not active on ${input.effectiveDate}`, variant: 'onDate', params: { body: bodyId, date: input.effectiveDate }, path: 'effectiveDate' }]);
        }
        const event: GoverningBodyEvent = { type: 'GoverningBodyRenamed', data: { bodyId, name: input.name, previousName: state.name, effectiveDate: input.effectiveDate, decision: input.decision } };
        return { appends: [{ streamId: Streams.body(bodyId), expectedVersion: loaded.version, events: toNewEvents([event], metadataOf(context)) }], result: {} };
      },
      replay: async () => ({}),
    });
  }
}
