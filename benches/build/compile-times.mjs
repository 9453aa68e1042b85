// Cold release builds of the core crate on 2 jobs, with the default features and with
// every resource model (`--features full`), each in an empty target folder so that
// the dependencies are built too. Part of `npm run bench`; never asserted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../tests/support/harness.mjs';

function coldBuild(features) {
  const target = mkdtempSync(join(tmpdir(), 'stripe-edge-cold-'));
  try {
    const started = process.hrtime.bigint();
    execFileSync('cargo', ['build', '--release', '--locked', '-j', '2', '-p', 'stripe-edge', ...features], {
      cwd: root,
      env: { ...process.env, CARGO_TARGET_DIR: target, CARGO_INCREMENTAL: '0' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    rmSync(target, { recursive: true, force: true });
  }
}

/** Seconds for each cold build: default features, all features. */
export function benchCompileTimes() {
  return [
    { name: 'default features (seed resources)', seconds: coldBuild([]) },
    { name: 'all features (176 resources)', seconds: coldBuild(['--features', 'full']) },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(benchCompileTimes());
}
