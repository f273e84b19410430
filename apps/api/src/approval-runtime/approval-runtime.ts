import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@reorg/config';
import type { Projection } from '@reorg/projections';
import { ApprovalRuntimeModule, embeddedApprovalProjections } from '@reorg/register/execution';

/**
 * The approval executor inside the all-in-one api (APPROVAL_RUNTIME=embedded, the default); with
 * APPROVAL_RUNTIME=off it runs elsewhere (apps/approval, `npm run start:approval`).
 */
@Module({})
export class EmbeddedApprovalRuntime {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: EmbeddedApprovalRuntime, imports: config.approval.runtime === 'embedded' ? [ApprovalRuntimeModule] : [] };
  }

  /** The read models the embedded runtime needs from the api's projection runner. */
  static projections(config: AppConfig): Projection[] {
    return embeddedApprovalProjections(config);
  }
}
