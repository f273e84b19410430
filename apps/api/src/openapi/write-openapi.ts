import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../create-app';
import { buildOpenApiDocument } from '../setup/docs';

/** The committed contract's bytes: stable key order comes from the app; two-space indent and a final newline. */
export function serialiseOpenApi(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * `npm run openapi:write`: builds the api (no listening, throwaway SQLite files) and writes the OpenAPI
 * document it serves at /docs-json to openapi.json, the file the typed client is generated from.
 */
async function main(out: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'reorg-openapi-'));
  try {
    const app = await createApp({
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        SQLITE_PATH: join(dir, 'events.sqlite'),
        DATA_DIR: dir, READ_MODEL_SQLITE_PATH: join(dir, 'read-models.sqlite'),
        DEV_TOKEN_SECRET: 'openapi-writer-secret-of-at-least-32-characters',
      },
    });
    try {
      await writeFile(out, serialiseOpenApi(buildOpenApiDocument(app)));
    } finally {
      await app.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const out = resolve(process.argv[2] ?? 'openapi.json');
  main(out).then(
    () => process.stdout.write(`wrote ${out}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
