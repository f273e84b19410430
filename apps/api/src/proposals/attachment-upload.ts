import { basename } from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ProblemException, TEXT_FAULT_DETAILS, textFault } from '@reorg/http';
import type { UploadedFile } from '@reorg/register/proposals';

/** Largest attachment accepted; larger files → 413 PAYLOAD_TOO_LARGE. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

const badUpload = (code: string, en: string, vi: string) =>
  new ProblemException({ code: 'VALIDATION_FAILED', detail: { vi, en }, errors: [{ path: 'file', code, detail: en }] });

function fileName(part: MultipartFile): string {
  const name = basename(part.filename.replaceAll('\\', '/')).normalize('NFC').trim().slice(0, 255);
  return name === '' ? 'attachment' : name;
}

/** Reads the one file of a multipart/form-data request; other form fields are ignored. */
export async function readSingleFile(request: FastifyRequest): Promise<UploadedFile> {
  if (!request.isMultipart()) {
    throw new ProblemException({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: { vi: 'Tệp đính kèm phải gửi dạng multipart/form-data.', en: 'Send the attachment as multipart/form-data.' },
    });
  }
  let upload: UploadedFile | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      if (upload) {
        part.file.resume();
        throw badUpload('ONE_FILE_ONLY', 'Send exactly one file per request.', 'Mỗi yêu cầu chỉ gửi một tệp.');
      }
      const nameFault = textFault(part.filename);
      if (nameFault) {
        part.file.resume();
        const detail = TEXT_FAULT_DETAILS[nameFault]('filename');
        throw new ProblemException({ code: 'VALIDATION_FAILED', detail, errors: [{ path: 'file.filename', code: nameFault, detail: detail.en }] });
      }
      const bytes = await part.toBuffer();
      upload = { name: fileName(part), mediaType: MEDIA_TYPE.test(part.mimetype) ? part.mimetype.toLowerCase() : 'application/octet-stream', bytes };
    }
  } catch (error) {
    throw isHttpError(error) ? error : badUpload('MALFORMED_MULTIPART', 'The multipart/form-data body is malformed or truncated.', 'Nội dung multipart/form-data bị lỗi hoặc bị cắt cụt.');
  }
  if (!upload) throw badUpload('FILE_REQUIRED', 'The request holds no file.', 'Yêu cầu không có tệp nào.');
  return upload;
}

/**
 * Ours, or @fastify/multipart's limit errors (413 with a statusCode). Anything else thrown while
 * reading the parts is the parser (busboy) refusing the body: the client's fault, not a defect.
 */
function isHttpError(error: unknown): boolean {
  if (error instanceof ProblemException) return true;
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}
