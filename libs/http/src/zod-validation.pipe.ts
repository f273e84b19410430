import { ArgumentMetadata, Injectable, Optional, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/** A class made by nestjs-zod's createZodDto (its own isZodDto is exported only from a subpath). */
function schemaOfDto(metatype: unknown): z.ZodType | undefined {
  if (typeof metatype !== 'function' || !('isZodDto' in metatype) || metatype.isZodDto !== true) return undefined;
  return (metatype as unknown as { schema: z.ZodType }).schema;
}

/**
 * Validates parameters typed with a nestjs-zod DTO (`createZodDto(schema)`), or with the schema
 * given to the constructor, and returns the parsed value. A failure throws the ZodError, which
 * the problem filter answers as 400 VALIDATION_FAILED with one `errors[]` item per issue.
 * Parsing reports inputs so that zod's default messages can be translated; the inputs themselves
 * never reach the response.
 */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  constructor(@Optional() private readonly schema?: z.ZodType) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const schema = this.schema ?? schemaOfDto(metadata.metatype);
    if (!schema) return value;
    const result = schema.safeParse(value, { reportInput: true });
    if (!result.success) throw result.error;
    return result.data;
  }
}
