// Where a V8 CPU profile (`node --cpu-prof`) spent its time: self time by function and by
// file or package. `node --import tsx scripts/profile-summary.ts FILE.cpuprofile [TOP] [SKIP_MS]`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Not idle: what the process actually computed. */
  busyMs: number;
  functions: SelfTime[];
  places: SelfTime[];
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Our file relative to the project, a package name, `node:internal`, or V8's own bucket. */
export function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1]!;
  if (file.startsWith(ROOT + path.sep)) return path.relative(ROOT, file);
  if (file.startsWith('node:')) return 'node:internal';
  return file;
}

/** `skipMs`: leave out the first milliseconds (start-up: module loading, the dictionary). */
export function summarise(profile: CpuProfile, top = 15, skipMs = 0): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (at - profile.startTime < skipMs * 1000) return;
    const node = byId.get(id);
    if (!node) return;
    totalUs += us;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idleUs += us;
      return;
    }
    const place = placeOf(url, functionName);
    const name = url ? `${functionName || '(anonymous)'} ${place}:${lineNumber + 1}` : functionName || '(anonymous)';
    functions.set(name, (functions.get(name) ?? 0) + us);
    places.set(place, (places.get(place) ?? 0) + us);
  });
  const busyUs = totalUs - idleUs;
  const ranked = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busyUs ? us / busyUs : 0 }));
  return { totalMs: totalUs / 1000, busyMs: busyUs / 1000, functions: ranked(functions), places: ranked(places) };
}

export function formatSummary(s: ProfileSummary): string {
  const row = (t: SelfTime) => `  ${t.ms.toFixed(0).padStart(7)} ms ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.name}`;
  return [
    `profile: ${s.totalMs.toFixed(0)} ms sampled, ${s.busyMs.toFixed(0)} ms busy (shares are of busy time)`,
    'self time by file or package:',
    ...s.places.map(row),
    'self time by function:',
    ...s.functions.map(row),
  ].join('\n');
}

export function summariseFile(file: string, top?: number, skipMs?: number): ProfileSummary {
  return summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, top, skipMs);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, top, skip] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node --import tsx scripts/profile-summary.ts FILE.cpuprofile [TOP] [SKIP_MS]');
    process.exit(2);
  }
  console.log(formatSummary(summariseFile(file, top ? Number(top) : undefined, skip ? Number(skip) : undefined)));
}
