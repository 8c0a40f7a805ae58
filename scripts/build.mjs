// `npm run build`: compiles the service's TypeScript to dist/ once (tsc, tsconfig.build.json:
// same folders, ESM, the same relative imports) and copies the files the code reads beside its
// own source at run time (the staff console's and the web chat page's scripts and styles).
// dist/.build-stamp marks a finished build; its time is when the build *started*, so a source
// saved during a build makes the next start build again. `npm start` (scripts/start.mjs) builds
// first when the stamp is missing or any source is newer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp');
/** The folders compiled; every other file in them (scripts, styles) is copied as it is. */
const SOURCE_DIRS = ['domain', 'bot', 'dialogs', 'adapters'];
/** Files whose change changes the build. */
const BUILD_FILES = ['tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];
/** Not needed at run time. */
const NOT_COPIED = /\.(ts|md)$/;

/** Files, and with `dirs` the folders too: a folder's time changes when a file in it is renamed or deleted. */
function* filesUnder(dir, dirs) {
  if (dirs) yield dir;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full, dirs);
    else if (entry.isFile()) yield full;
  }
}

function* inputs(dirs = false) {
  for (const dir of SOURCE_DIRS) yield* filesUnder(path.join(ROOT, dir), dirs);
  for (const file of BUILD_FILES) yield path.join(ROOT, file);
}

/** Why a build is needed (a missing build, or the first source newer than it), or undefined. */
export function staleness() {
  let built;
  try {
    built = fs.statSync(STAMP).mtimeMs;
  } catch {
    return 'no build yet';
  }
  for (const file of inputs(true)) {
    if (fs.statSync(file).mtimeMs > built) return `${path.relative(ROOT, file)} changed`;
  }
  return undefined;
}

/** Compiles and copies; throws when tsc reports an error (nothing half-built is stamped). */
export function build() {
  const started = new Date();
  fs.rmSync(STAMP, { force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status ?? result.signal}); see the errors above`);
  for (const file of inputs()) {
    const relative = path.relative(ROOT, file);
    if (!SOURCE_DIRS.some((d) => relative.startsWith(d + path.sep)) || NOT_COPIED.test(file)) continue;
    const target = path.join(DIST, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  fs.writeFileSync(STAMP, JSON.stringify({ builtAt: started.toISOString(), node: process.version }) + '\n');
  fs.utimesSync(STAMP, started, started);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const t = Date.now();
  try {
    build();
    console.error(`built dist/ in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error(`build failed: ${err.message}`);
    process.exit(1);
  }
}
