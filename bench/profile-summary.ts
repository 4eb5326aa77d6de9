// Summarises a V8 CPU profile (`node --cpu-prof`, e.g. from `npm run bench -- --only=overhead --profile`): self
// time per package, the functions with the most self time, and the library's functions with the most total time
// (their own and their callees': what each costs, class-validator included). Usage, after `npm run bench:build`:
//   node bench/dist/bench/profile-summary.js bench/profiles/<file>.cpuprofile [--top=25]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { table } from './support/table.js';

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

/** Where a frame's code comes from: the library, a package, Node.js itself, or V8's own pseudo-frames. */
export function originOf(url: string, functionName: string): string {
  if (url === '') {
    return functionName.startsWith('(') ? functionName : '(native)';
  }
  if (url.includes('/libs/pandium-embed/')) {
    return 'pandium-embed';
  }
  const packages = url.split('/node_modules/');
  if (packages.length > 1) {
    const parts = (packages.at(-1) ?? '').split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) {
    return 'node:internal';
  }
  return url.includes('/bench/') ? 'bench host' : url;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split('/').slice(-2).join('/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

function main(): void {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' } },
  });
  const [path] = positionals;
  if (path === undefined) {
    throw new Error('usage: profile-summary.js <file.cpuprofile> [--top=N]');
  }
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parentOf.set(child, node.id);
    }
  }
  const libraryTotal = new Map<string, number>();
  const selfByFrame = new Map<string, { origin: string; micros: number }>();
  const selfByOrigin = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const micros = profile.timeDeltas[index] ?? 0;
    if (node === undefined) {
      return;
    }
    total += micros;
    const origin = originOf(node.callFrame.url, node.callFrame.functionName);
    if (origin === '(idle)') {
      idle += micros;
    }
    selfByOrigin.set(origin, (selfByOrigin.get(origin) ?? 0) + micros);
    const name = frameName(node);
    const onStack = new Set<string>();
    for (
      let at: number | undefined = id;
      at !== undefined;
      at = parentOf.get(at)
    ) {
      const frame = byId.get(at);
      if (
        frame !== undefined &&
        originOf(frame.callFrame.url, '') === 'pandium-embed'
      ) {
        onStack.add(frameName(frame));
      }
    }
    for (const frame of onStack) {
      libraryTotal.set(frame, (libraryTotal.get(frame) ?? 0) + micros);
    }
    const entry = selfByFrame.get(name) ?? { origin, micros: 0 };
    entry.micros += micros;
    selfByFrame.set(name, entry);
  });
  const busy = total - idle;
  const percent = (micros: number, of: number): string =>
    `${((micros / of) * 100).toFixed(1)} %`;
  console.log(
    `${path}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (not idle)\n`,
  );
  console.log(
    table(
      ['origin', 'self ms', 'of all', 'of busy'],
      [...selfByOrigin]
        .sort((a, b) => b[1] - a[1])
        .map(([origin, micros]) => [
          origin,
          (micros / 1000).toFixed(0),
          percent(micros, total),
          origin === '(idle)' ? '' : percent(micros, busy),
        ]),
    ),
  );
  console.log('');
  console.log(
    table(
      ['function', 'origin', 'self ms', 'of busy'],
      [...selfByFrame]
        .filter(([, entry]) => entry.origin !== '(idle)')
        .sort((a, b) => b[1].micros - a[1].micros)
        .slice(0, Number(values.top))
        .map(([name, entry]) => [
          name,
          entry.origin,
          (entry.micros / 1000).toFixed(0),
          percent(entry.micros, busy),
        ]),
    ),
  );
  console.log('');
  console.log(
    table(
      ['library function (total: self and callees)', 'total ms', 'of busy'],
      [...libraryTotal]
        .sort((a, b) => b[1] - a[1])
        .slice(0, Number(values.top))
        .map(([name, micros]) => [
          name,
          (micros / 1000).toFixed(0),
          percent(micros, busy),
        ]),
    ),
  );
}

main();
