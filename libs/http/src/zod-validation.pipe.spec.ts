import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe';

class CreateThingDto extends createZodDto(z.strictObject({ name: z.string().trim().min(1), count: z.coerce.number().int().default(1) })) {}

describe('ZodValidationPipe', () => {
  const pipe = new ZodValidationPipe();

  it('returns the parsed value of a nestjs-zod DTO (defaults and transforms applied)', () => {
    expect(pipe.transform({ name: '  Trường  ' }, { type: 'body', metatype: CreateThingDto })).toEqual({ name: 'Trường', count: 1 });
  });

  it('throws the ZodError with every issue', () => {
    let thrown: unknown;
    try {
      pipe.transform({ name: '', extra: 1 }, { type: 'body', metatype: CreateThingDto });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(z.ZodError);
    expect((thrown as z.ZodError).issues.map((issue) => issue.code).sort()).toEqual(['too_small', 'unrecognized_keys']);
  });

  it('passes through parameters not typed with a DTO', () => {
    expect(pipe.transform('abc', { type: 'param', metatype: String })).toBe('abc');
  });

  it('validates with a schema given explicitly', () => {
    const datePipe = new ZodValidationPipe(z.iso.date());
    expect(datePipe.transform('2025-07-01', { type: 'query' })).toBe('2025-07-01');
    expect(() => datePipe.transform('01/07/2025', { type: 'query' })).toThrow(z.ZodError);
  });
});
