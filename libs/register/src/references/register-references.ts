import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isUuidShaped } from '@reorg/domain';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { RegisterRepository } from '../register-repository';

/**
 * A unit or governing body as a client names it: a UUID is its id, anything else its code (codes are
 * never UUID-shaped). The id is answered as given, lower-cased; a code is looked up in its reservation
 * stream in the event store, so a code is known the moment its unit or body is recorded.
 */
export class ResolveRegisterReference extends Query<string | undefined> {
  constructor(
    readonly kind: 'unit' | 'governingBody',
    readonly reference: string,
  ) {
    super();
  }
}

@QueryHandler(ResolveRegisterReference)
export class ResolveRegisterReferenceHandler implements IQueryHandler<ResolveRegisterReference> {
  private readonly repository: RegisterRepository;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.repository = new RegisterRepository(store);
  }

  async execute({ kind, reference }: ResolveRegisterReference): Promise<string | undefined> {
    if (isUuidShaped(reference)) return reference.trim().toLowerCase();
    if (reference.trim() === '') return undefined;
    return kind === 'unit' ? this.repository.unitIdByCode(reference) : this.repository.bodyIdByCode(reference);
  }
}
