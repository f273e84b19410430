/* Top self-time functions of a V8 .cpuprofile (node --cpu-prof): `node -r @swc-node/register test/bench/http/cpu-profile-summary.ts FILE [N]`. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** This checkout's root (a worktree or /work/main), so that its own files group by folder. */
const REPO_ROOT = `${resolve(__dirname, '../../..')}/`;

const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(REPO_ROOT, '');

export function summarise(profile: CpuProfile, top: number): { total: number; rows: { fn: string; where: string; selfMs: number; share: string }[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    total += delta;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const key = `${frame.functionName || '(anonymous)'}\t${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + delta);
  });
  const rows = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, us]) => {
      const [fn, where] = key.split('\t');
      return { fn, where, selfMs: Math.round(us / 1000), share: `${((100 * us) / total).toFixed(1)}%` };
    });
  return { total: Math.round(total / 1000), rows };
}

/** Self time grouped by package (or project folder), to see which layer costs what. */
export function byPackage(profile: CpuProfile): { where: string; selfMs: number; share: string }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const groups = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    total += delta;
    const frame = byId.get(id)?.callFrame;
    const url = frame?.url ?? '';
    const pkg = url.includes('node_modules/')
      ? (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? 'node_modules')
      : url.includes(REPO_ROOT)
        ? shortUrl(url).split('/').slice(0, 2).join('/')
        : url.startsWith('node:')
          ? 'node internals'
          : frame?.functionName
            ? `(${frame.functionName})`
            : '(native/idle)';
    groups.set(pkg, (groups.get(pkg) ?? 0) + delta);
  });
  return [...groups.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([where, us]) => ({ where, selfMs: Math.round(us / 1000), share: `${((100 * us) / total).toFixed(1)}%` }));
}

if (require.main === module) {
  const [file, top = '30'] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpu-profile-summary.ts FILE.cpuprofile [N]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const { total, rows } = summarise(profile, Number(top));
  console.log(`profile: ${total} ms sampled`);
  console.table(byPackage(profile));
  console.table(rows);
}
