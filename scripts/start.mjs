// `npm start`: the compiled service (dist/adapters/main.js), in this same process so signals
// (SIGTERM from systemd, Ctrl-C) reach its own handlers. When the build is missing or a
// source is newer than it (a fresh clone, a `git pull`), it is built first (scripts/build.mjs).
import { build, staleness } from './build.mjs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST } from './build.mjs';

const why = staleness();
if (why) {
  const t = Date.now();
  console.error(`building dist/ first (${why}) …`);
  try {
    build();
  } catch (err) {
    console.error(`build failed: ${err.message}`);
    process.exit(1);
  }
  console.error(`built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
await import(pathToFileURL(path.join(DIST, 'adapters', 'main.js')).href);
