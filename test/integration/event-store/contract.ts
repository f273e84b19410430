import type { EventStore } from '@reorg/event-store';
import { describeAppending } from './contract/appending';
import type { ContractContext } from './contract/context';
import { describeEventFormat } from './contract/event-format';
import { describeIdempotency } from './contract/idempotency';
import { describeInvalidAppends } from './contract/invalid-appends';
import { describeReading } from './contract/reading';
import { describeSharedDatabase } from './contract/shared-database';
import { describeSubscription } from './contract/subscription';
import { describeUpcasting } from './contract/upcasting';
import { type StoreFixture, type StoreFixtureFactory, readingOwnWrites } from './support';

/** The event-store port's contract, run unchanged against every adapter. */
export function describeEventStoreContract(name: string, factory: StoreFixtureFactory): void {
  describe(`event store contract: ${name}`, () => {
    let fixture: StoreFixture | undefined;
    let openStores: EventStore[] = [];

    const context: ContractContext = {
      async open(options) {
        fixture ??= await factory();
        const store = readingOwnWrites(await fixture.open(options));
        openStores.push(store);
        return store;
      },
      async close(store) {
        openStores = openStores.filter((open) => open !== store);
        await store.close();
      },
    };

    afterEach(async () => {
      const stores = openStores;
      openStores = [];
      await Promise.all(stores.map((store) => store.close()));
      await fixture?.dispose();
      fixture = undefined;
    });

    describeAppending(context);
    describeInvalidAppends(context);
    describeReading(context);
    describeSubscription(context);
    describeIdempotency(context);
    describeEventFormat(context);
    describeUpcasting(context);
    describeSharedDatabase(context);
  });
}
