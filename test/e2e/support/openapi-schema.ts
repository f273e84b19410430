import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const document = JSON.parse(readFileSync(join(__dirname, '../../../openapi.json'), 'utf8')) as { components: { schemas: Record<string, unknown> } };
// OpenAPI 3.0 schemas (nullable, descriptions) are JSON Schema close enough for Ajv without strict mode.
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
ajv.addSchema({ components: document.components }, 'openapi.json');

/**
 * Validates an answer against a response schema of the committed openapi.json: the hot routes
 * answer pre-serialised JSON without validating it, so tests check that what they send is
 * what the document promises.
 */
export function expectMatchesOpenApi(schemaName: string, value: unknown): void {
  const validate = ajv.getSchema(`openapi.json#/components/schemas/${schemaName}`);
  if (!validate) throw new Error(`openapi.json has no schema ${schemaName}`);
  if (!validate(value)) throw new Error(`${schemaName}: ${ajv.errorsText(validate.errors, { separator: '\n  ' })}\n  in ${JSON.stringify(value).slice(0, 2_000)}`);
}
