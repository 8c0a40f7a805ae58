#!/usr/bin/env node
// Reads vitest's JSON report and prints the closing line CI reads ("N passed, N failed, N skipped").
// With --require-integration it fails when any test was skipped: in CI, REDIS_URL and
// DATABASE_URL are set, so a skipped suite means the real Redis or PostgreSQL was never used.
import fs from 'node:fs';

const file = 'test-results/vitest.json';
if (!fs.existsSync(file)) {
  console.error(`${file} is missing: did the tests run?`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const counts = { passed: 0, failed: 0, skipped: 0 };
const skipped = [];
for (const suite of report.testResults ?? []) {
  for (const t of suite.assertionResults ?? []) {
    if (t.status === 'passed') counts.passed++;
    else if (t.status === 'failed') counts.failed++;
    else {
      counts.skipped++;
      skipped.push(`${suite.name.replace(process.cwd() + '/', '')}: ${t.fullName}`);
    }
  }
}
if (process.argv.includes('--require-integration') && skipped.length > 0) {
  console.error(`These tests were skipped; with REDIS_URL and DATABASE_URL set nothing may skip:`);
  for (const s of skipped) console.error(`  - ${s}`);
  counts.failed += skipped.length;
}
console.log(`Tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed > 0 || report.success === false ? 1 : 0);
