// The benchmark on a tiny size: every step runs for real (generate, DuckDB baseline, load, build,
// each a child process under /usr/bin/time) and the Markdown and JSON results are written.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bench, type SizeResult } from '../../pipeline/bench.ts';
import { tempDir } from '../cli/run.ts';

describe('bench', () => {
  it('times generate, baseline, load and build with peak memory, and writes bench.md and bench.json', async () => {
    const out = tempDir('bench');
    await bench({ sizes: [2000], outDir: out, log: () => {} });
    const json = JSON.parse(readFileSync(join(out, 'bench.json'), 'utf8')) as { results: SizeResult[] };
    expect(json.results).toHaveLength(1);
    const r = json.results[0];
    expect(r.cases).toBe(2000);
    expect(r.steps.map((s) => s.step)).toEqual(['generate', 'baseline', 'load', 'build']);
    const [gen, base, load] = r.steps;
    // The baseline reads exactly the rows the generator wrote, and the loader loads them all.
    expect(base.rows).toBe(gen.rows);
    expect(load.detail).toBe(`${gen.rows} loaded, 0 rejected`);
    for (const s of r.steps) {
      expect(s.seconds, s.step).toBeGreaterThan(0);
      expect(s.peak_rss_mb, s.step).toBeGreaterThan(20); // a node process is never smaller
    }
    expect(r.load_over_baseline).toBeCloseTo(load.seconds / base.seconds, 6);
    const md = readFileSync(join(out, 'bench.md'), 'utf8');
    expect(md).toContain('| 2,000 | load |');
    expect(md).toMatch(/load within 1.5× of baseline: (met|\*\*missed\*\*)/);
    rmSync(out, { recursive: true, force: true });
  });
});
