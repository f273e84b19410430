import { describeEventStoreContract } from './contract';
import { sqliteFixture } from './sqlite-fixture';

describeEventStoreContract('SQLite (temp file per test)', sqliteFixture);
