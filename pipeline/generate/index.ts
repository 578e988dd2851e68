// `rehandle generate`: a synthetic Nanjing hotline data set in the data contract (SPEC §3),
// written month by month so that memory does not grow with --cases. See DESIGN.md beside this file.
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, relative, isAbsolute } from 'node:path';
import { UserError } from '../errors.ts';
import { nowLocal } from '../time.ts';
import { DAY, dayOf, firstDayOfMonth, monthIndexOf, monthLabel } from './clock.ts';
import type { Row } from './columns.ts';
import { generateMonth, monthVolume } from './cases.ts';
import type { Truth } from './lifecycle.ts';
import { createSinks, type Format } from './sinks.ts';
import { createRng } from './random.ts';
import { buildWorld } from './world.ts';

export interface GenerateOptions {
  out: string;
  cases: number;
  months: number;
  seed: number;
  end: string; // YYYY-MM
  formats: Format[];
  /** Where the hidden truth goes (default: `<out>.truth.json` beside the folder, never inside it). */
  truth?: string;
  onProgress?: (msg: string) => void;
}

export interface GenerateReport {
  out: string;
  truth: string;
  files: string[];
  first_month: string;
  last_month: string;
  cutoff: string;       // nothing in the data is later than this local time
  units: number;
  cases: number;
  unsatisfied: number;
  events: number;
  audits: number;
  seconds: number;
}

/** The last instant data may carry: the end of the --end month, or the end of today when that is earlier. */
function cutoffOf(endMonth: number): number {
  const now = nowLocal();
  const today = dayOf(Number(now.slice(0, 4)), Number(now.slice(5, 7)), Number(now.slice(8, 10)));
  if (firstDayOfMonth(endMonth) > today) throw new UserError(`--end ${monthLabel(endMonth)} 在未来 / --end must not be after the current month`);
  return Math.min(firstDayOfMonth(endMonth + 1), today + 1) * DAY - 1;
}

function truthPathFor(out: string, truth: string | undefined): string {
  const path = resolve(truth ?? join(dirname(resolve(out)), `${basename(resolve(out))}.truth.json`));
  const rel = relative(resolve(out), path);
  if (!rel.startsWith('..') && !isAbsolute(rel)) throw new UserError(`真实情况文件不能放在数据目录内 / the truth file must be outside ${out}`);
  return path;
}

export async function generate(opts: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  if (!Number.isInteger(opts.cases) || opts.cases < 1) throw new UserError('--cases 需要正整数 / --cases must be a positive whole number');
  if (!Number.isInteger(opts.months) || opts.months < 1) throw new UserError('--months 需要正整数 / --months must be a positive whole number');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.end)) throw new UserError(`--end 格式应为 YYYY-MM / --end must look like 2025-03, got "${opts.end}"`);
  if (!opts.formats.length) throw new UserError('--format 不能为空 / --format needs at least one format');
  const truthPath = truthPathFor(opts.out, opts.truth);
  const endMonth = monthIndexOf(opts.end);
  const cutoff = cutoffOf(endMonth);
  const months = Array.from({ length: opts.months }, (_, i) => endMonth - opts.months + 1 + i);

  // Cases per month: seasonal volume, the current partial month in proportion to its days so far.
  const weights = months.map((mi) => {
    const days = firstDayOfMonth(mi + 1) - firstDayOfMonth(mi);
    const upTo = Math.min(days, Math.floor(cutoff / DAY) - firstDayOfMonth(mi) + 1);
    return monthVolume(mi) * upTo / days;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  let cum = 0;
  const targets = weights.map((w) => {
    const before = Math.round((opts.cases * cum) / total);
    cum += w;
    return Math.round((opts.cases * cum) / total) - before;
  });

  // Write into a sibling folder and rename it at the end: a failed or killed run leaves no half
  // data set to load, and an earlier data set is never mixed with a new one.
  const out = resolve(opts.out);
  if (existsSync(out) && readdirSync(out).length) throw new UserError(`输出目录非空 / --out ${opts.out} exists and is not empty: choose a new folder or delete it`);
  const partial = `${out}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    return await writeDataSet(opts, { partial, out, truthPath, months, targets, cutoff, started });
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}

/** Where and what to write, decided from the options before anything is written. */
interface Plan {
  partial: string;   // folder written to
  out: string;       // its final name
  truthPath: string;
  months: number[];  // month indexes, oldest first
  targets: number[]; // cases per month
  cutoff: number;    // wall-clock second: nothing later is written
  started: number;
}

async function writeDataSet(opts: GenerateOptions, plan: Plan): Promise<GenerateReport> {
  const { partial, out, truthPath, months, targets, cutoff, started } = plan;
  const endMonth = months[months.length - 1];
  const world = buildWorld(opts.seed, months, opts.cases / opts.months);
  const sink = createSinks(partial, opts.formats);
  sink.write('units', world.units.map((u): Row => [u.id, u.spec.name, u.spec.type, u.spec.district]));

  const truth: Truth = { fakeContacts: [], fakeResolutions: [], backdatedResolutions: [], misclassified: [] };
  const counts = { cases: 0, unsatisfied: 0, events: 0, audits: 0 };
  const ctx = {
    world,
    rng: createRng(opts.seed, 0),
    ids: { case: 0, event: 0, audit: 0 },
    truth,
    cutoff,
    callers: Math.max(50, Math.round(opts.cases * 0.6)),
    emit(cases: Row[], events: Row[], audits: Row[]) {
      sink.write('cases', cases);
      sink.write('events', events);
      sink.write('audits', audits);
      counts.events += events.length;
      counts.audits += audits.length;
    },
  };
  months.forEach((mi, i) => {
    const c = generateMonth(mi, targets[i], ctx);
    counts.cases += c.cases;
    counts.unsatisfied += c.unsatisfied;
    opts.onProgress?.(`生成 generated ${monthLabel(mi)}: ${c.cases} 工单 cases, ${c.unsatisfied} 不满意 unsatisfied`);
  });
  const written = await sink.close();
  if (existsSync(out)) rmdirSync(out); // empty (checked above); rmdir refuses if that changed since
  renameSync(partial, out);
  const files = written.map((f) => join(out, relative(partial, f)));

  mkdirSync(dirname(truthPath), { recursive: true });
  writeFileSync(truthPath, JSON.stringify({
    note: '合成数据的真实情况（不属于数据集） / hidden truth of a synthetic data set: not part of the data',
    seed: opts.seed, end: opts.end, months: opts.months, cases: counts.cases,
    units: world.units.map((u) => ({ unit_id: u.id, unit_name: u.spec.name, profile: u.profile.code, profile_label: u.profile.label, volume: Number(u.volume.toFixed(4)) })),
    hotspots: world.hotspots.map((h) => ({ months: [monthLabel(h.firstMonth), monthLabel(h.lastMonth)], district: h.district.name, street: h.street, place: `${h.road}${h.num}号${h.estate}`, topic_l2: h.topic.l2, unit_id: h.unit.id, cases_per_month: h.casesPerMonth })),
    fake_contact_event_ids: truth.fakeContacts,
    fake_resolution_event_ids: truth.fakeResolutions,
    backdated_resolution_event_ids: truth.backdatedResolutions,
    misclassified: truth.misclassified,
  }, null, 1) + '\n');

  const report: GenerateReport = {
    out: opts.out, truth: truthPath, files, first_month: monthLabel(months[0]), last_month: monthLabel(endMonth),
    cutoff: new Date(cutoff * 1000).toISOString().slice(0, 19).replace('T', ' '),
    units: world.units.length, ...counts, seconds: (performance.now() - started) / 1000,
  };
  opts.onProgress?.(`完成 done: ${report.cases} cases, ${report.unsatisfied} unsatisfied, ${report.events} events, ${report.audits} audits in ${report.seconds.toFixed(1)} s → ${opts.out} (truth: ${truthPath})`);
  return report;
}
