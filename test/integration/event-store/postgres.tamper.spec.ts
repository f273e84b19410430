import { assertPostgresReachable, postgresTamperFixture } from './postgres-fixture';
import { describeTamperEvidence } from './tamper';

beforeAll(assertPostgresReachable);

describeTamperEvidence('PostgreSQL, edited through its own connection', postgresTamperFixture);
