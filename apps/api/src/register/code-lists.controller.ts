import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@reorg/auth';
import { AUTONOMY_GROUPS, type CodeListItem, OPERATION_TYPES, SECTORS } from '@reorg/domain';
import { ApiProblemResponses } from '@reorg/http';
import { CodeListDto } from './schemas/dtos';
import { SkipReadHorizon } from '../read-consistency';

const list = (items: readonly CodeListItem[]) => ({ items: items.map(({ code, name_vi, name_en }) => ({ code, name_vi, name_en })) });

@ApiTags('code lists')
@Roles(...ROLES)
@ApiProblemResponses(403)
@SkipReadHorizon()
@Controller('api/v1/code-lists')
export class CodeListsController {
  @Get('sectors')
  @ApiOperation({ summary: 'Sectors (lĩnh vực) of public service units' })
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
