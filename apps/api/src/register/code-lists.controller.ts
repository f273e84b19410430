import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@reorg/auth';
import { AUTONOMY_GROUPS, OPERATION_TYPES, SECTORS, type SectorItem } from '@reorg/domain';
import { ApiProblemResponses } from '@reorg/http';
import { CodeListDto } from './schemas/dtos';
import { SkipReadHorizon } from '../read-consistency';

/** Items with their names, and for dated codes (sectors) the dates they may be given on and their successors. */
const list = (items: readonly SectorItem[]) => ({
  items: items.map(({ code, name_vi, name_en, validFrom, validUntil, replacedBy }) => ({
    code,
    name_vi,
    name_en,
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    ...(replacedBy ? { replacedBy: [...replacedBy] } : {}),
  })),
});

@ApiTags('code lists')
@Roles(...ROLES)
@ApiProblemResponses(403)
@SkipReadHorizon()
@Controller('api/v1/code-lists')
export class CodeListsController {
  @Get('sectors')
  @ApiOperation({
    summary: 'Sectors (lĩnh vực) of public service units, by date',
    description: 'A code may be given to a new unit from `validFrom` to `validUntil` (inclusive); a retired code stays valid for history and names its successors in `replacedBy`.',
  })
  @ApiOkResponse({ type: CodeListDto })
  sectors() {
    return list(SECTORS);
  }

  @Get('autonomy-groups')
  @ApiOperation({ summary: 'Financial autonomy groups (Decree 60/2021), G1 the most autonomous' })
  @ApiOkResponse({ type: CodeListDto })
  autonomyGroups() {
    return list(AUTONOMY_GROUPS);
  }

  @Get('operation-types')
  @ApiOperation({ summary: 'The ten operations a decision or proposal may contain' })
  @ApiOkResponse({ type: CodeListDto })
  operationTypes() {
    return list(OPERATION_TYPES);
  }
}
