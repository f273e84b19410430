import { runWalkthrough } from './walkthrough';

/** `npm run demo [-- http://host:port]`: README's walkthrough against a running api (AUTH_MODE=dev, loopback). */
const baseUrl = process.argv[2] ?? process.env.DEMO_URL ?? 'http://localhost:3000';
const print = (line: string) => process.stdout.write(`${line}\n`);

print(`Walkthrough against ${baseUrl}`);
runWalkthrough(baseUrl, print).then(
  (result) => print(`Done: proposal ${result.proposalId} ${result.status}, new unit ${result.newUnitId}`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
