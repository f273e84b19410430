import { basename } from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ProblemException, TEXT_FAULT_DETAILS, textFault, messageText } from '@reorg/http';
import type { UploadedFile } from '@reorg/register/proposals';

/** Largest attachment accepted; larger files → 413 PAYLOAD_TOO_LARGE. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

const badUpload = (code: 'ONE_FILE_ONLY' | 'MALFORMED_MULTIPART' | 'FILE_REQUIRED') => {
  const detail = messageText(`http.attachment.${code}`);
  return new ProblemException({ code: 'VALIDATION_FAILED', detail, errors: [{ path: 'file', code, detail }] });
};

function fileName(part: MultipartFile): string {
  const name = basename(part.filename.replaceAll('\\', '/')).normalize('NFC').trim().slice(0, 255);
  return name === '' ? 'attachment' : name;
}

/** Reads the one file of a multipart/form-data request; other form fields are ignored. */
export async function readSingleFile(request: FastifyRequest): Promise<UploadedFile> {
  if (!request.isMultipart()) {
    throw new ProblemException({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: messageText('http.attachment.multipartRequired'),
    });
  }
  let upload: UploadedFile | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      if (upload) {
        part.file.resume();
        throw badUpload('ONE_FILE_ONLY');
      }
      const nameFault = textFault(part.filename);
      if (nameFault) {
        part.file.resume();
        const detail = TEXT_FAULT_DETAILS[nameFault]('filename');
        throw new ProblemException({ code: 'VALIDATION_FAILED', detail, errors: [{ path: 'file.filename', code: nameFault, detail }] });
      }
      const bytes = await part.toBuffer();
      upload = { name: fileName(part), mediaType: MEDIA_TYPE.test(part.mimetype) ? part.mimetype.toLowerCase() : 'application/octet-stream', bytes };
    }
  } catch (error) {
    throw isHttpError(error) ? error : badUpload('MALFORMED_MULTIPART');
  }
  if (!upload) throw badUpload('FILE_REQUIRED');
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
