import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every test file gets a DATA_DIR of its own: an app or CLI started without one would otherwise share
// the repository's ./data (idempotency keys, attachments, the dev-token secret) with every other file,
// and the store binding (ADR 0017) rightly refuses keys of another store. Tests that name DATA_DIR keep theirs.
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'reorg-test-data-'));
