#!/usr/bin/env node
// `npm test`: make sure the browser tests can run (Debian's chromium + a CJK font), then run every
// test once with vitest and end with a plain "N passed, N failed" line.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';

const APT_PACKAGES = ['chromium', 'fonts-wqy-microhei'];

function missingSystemPackages() {
  const missing = [];
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
  const fonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  if (!/wqy|WenQuanYi/i.test(fonts.stdout ?? '')) missing.push('fonts-wqy-microhei');
  return missing;
}

let missing = missingSystemPackages();
if (missing.length) {
  if (process.getuid?.() === 0) {
    console.log(`installing ${missing.join(' ')} (Debian) for the browser tests ...`);
    execSync('apt-get update -qq', { stdio: 'inherit' });
    execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${APT_PACKAGES.join(' ')}`, { stdio: 'inherit' });
    missing = missingSystemPackages();
  }
  if (missing.length) {
    console.error(`The browser tests need Debian packages that are missing: ${missing.join(' ')}.`);
    console.error(`Install them as root:  apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`);
    process.exit(1);
  }
}

mkdirSync('test/artifacts', { recursive: true });
const report = 'test/artifacts/vitest-report.json';
const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], { stdio: 'inherit' });
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
}
process.exit(run.status ?? 1);
