// Runs the real CLI (`node bin/rehandle.mjs ...`) as a child process, as users and scripts do.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const HANDCALC = join(ROOT, 'test/fixtures/handcalc');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function rehandle(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/rehandle.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run a command that must succeed; its failure message is the test's failure message. */
export function ok(args: string[], env: Record<string, string> = {}): string {
  const r = rehandle(args, env);
  if (r.code !== 0) throw new Error(`rehandle ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

export function okJson<T = unknown>(args: string[], env: Record<string, string> = {}): T {
  return JSON.parse(ok(args, env)) as T;
}

const made: string[] = [];

/** A fresh directory under the system temp dir, removed by removeTempDirs() (call it in afterAll). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `rehandle-${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
