import { describeEventStoreContract } from './contract';
import { assertPostgresReachable, postgresFixture } from './postgres-fixture';

beforeAll(assertPostgresReachable);

describeEventStoreContract('PostgreSQL (throwaway schema per test)', postgresFixture);
