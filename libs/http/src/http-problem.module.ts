import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ERROR_MAPPERS, ProblemDetailsFilter } from './problem.filter';
import type { ErrorMapper } from './to-problem';
import { ZodValidationPipe } from './zod-validation.pipe';

export interface HttpProblemOptions {
  /** Mappers for other modules' error types (e.g. domain rule violations), tried in order. */
  mappers?: ErrorMapper[];
}

/** Installs the global problem+json filter and the zod validation pipe. */
@Module({})
export class HttpProblemModule {
  static forRoot(options: HttpProblemOptions = {}): DynamicModule {
    return {
      module: HttpProblemModule,
      providers: [
        { provide: ERROR_MAPPERS, useValue: options.mappers ?? [] },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
      ],
    };
  }
}
