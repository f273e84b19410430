import { sqliteTamperFixture } from './sqlite-fixture';
import { describeTamperEvidence } from './tamper';

describeTamperEvidence('SQLite, edited through its own connection', sqliteTamperFixture);
