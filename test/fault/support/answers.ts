import { registerAnswers } from '../../e2e/races/register-consistency';
import { type CommandRecord, type FaultClient, isSuccess } from './command-load';

/** Everything the read models answer (registerAnswers), through the api's current address, with a few of the load's units one by one. */
export function answersVia(client: FaultClient, records: CommandRecord[]): Promise<Record<string, unknown>> {
  const units = Object.fromEntries(
    records
      .filter((r) => r.kind === 'unit-import' && isSuccess(r))
      .slice(0, 6)
      .map((r) => [r.code, (r.answer as { units: { unitId: string }[] }).units[0].unitId]),
  );
  const call = async <T,>(_user: string, method: string, path: string) => {
    const answer = await client.call(method, path);
    return { status: answer.status, contentType: answer.headers.get('content-type') ?? '', body: answer.body as T };
  };
  return registerAnswers({ call, units });
}
