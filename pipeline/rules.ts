// Reads and validates the rules configuration (data/rules.json): every default SPEC leaves to
// configuration. A bad file fails with a UserError naming the key and what was expected.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from './errors.ts';

/** The shipped rules, found from this module so any working directory works. */
export const DEFAULT_RULES_PATH = fileURLToPath(new URL('../data/rules.json', import.meta.url));

export const FLAG_ORDER = [
  'simple_clear',
  'nonstandard_reply',
  'solved_but_unsatisfied',
  'reasonable_repeat',
  'undeclared_out_of_scope',
  'violation_repeat',
] as const;

export type FlagName = (typeof FLAG_ORDER)[number];

export interface Rules {
  promisedDue: {
    tierMonths: { '2m': number; '3m': number; '6m': number };
    /** use_if_not_later: an explicit promised date replaces the tier date unless it is later (SPEC §2); ignore: tier date only. */
    explicitDate: 'use_if_not_later' | 'ignore';
  };
  extensionPolicy: 'original' | 'latest';
  maxExtensions: number;
  signDeadlineWorkdays: number;
  repeatWindowDays: number;
  hotspotMinCallers: number;
  dueSoonDays: number;
  flags: {
    simple_clear: { appealTypes: string[]; maxContentLength: number };
    nonstandard_reply: { minLength: number; processWords: string[]; resultWords: string[]; boilerplate: string[] };
    solved_but_unsatisfied: { categories: string[] };
    reasonable_repeat: { categories: string[]; minRepeats: number };
    undeclared_out_of_scope: { topics: string[]; keywords: string[] };
    violation_repeat: { topics: string[]; keywords: string[]; minRepeats: number };
  };
  sampling: {
    flagCapPerUnitFlag: number;
    otherShare: number;
    otherMinPerUnit: number;
    contactShare: number;
    resolutionShare: number;
  };
  /** Working-day calendars for years chinese-days lacks, resolved to absolute paths (relative ones against the rules file's folder). */
  calendarFiles: string[];
}

const CATEGORIES = ['unresolved_reasonable', 'unreasonable', 'litigation', 'resolved_at_sign', 'one_time'];
const APPEAL_TYPES = ['consult', 'help', 'complaint', 'suggestion', 'other'];

type Obj = Record<string, unknown>;

function fail(file: string, key: string, expected: string, got: unknown): never {
  throw new UserError(`规则配置错误 / invalid rules in ${file}: "${key}" must be ${expected} (got ${JSON.stringify(got)})`);
}

/** A small checker bound to one file: each method returns the typed value at `key` or throws. */
function checker(file: string) {
  const get = (o: Obj, path: string) => o[path.split('.').pop()!];
  const c = {
    object(o: Obj, key: string, allowed: string[]): Obj {
      const v = get(o, key);
      if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(file, key || '(top level)', 'an object', v);
      const extra = Object.keys(v as Obj).filter((k) => !allowed.includes(k));
      if (extra.length) fail(file, key ? `${key}.${extra[0]}` : extra[0], `one of the known keys (${allowed.join(', ')})`, extra[0]);
      return v as Obj;
    },
    int(o: Obj, key: string, min: number, max: number): number {
      const v = get(o, key);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(file, key, `an integer from ${min} to ${max}`, v);
      return v as number;
    },
    share(o: Obj, key: string): number {
      const v = get(o, key);
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) fail(file, key, 'a number from 0 to 1', v);
      return v as number;
    },
    oneOf<T extends string>(o: Obj, key: string, values: readonly T[]): T {
      const v = get(o, key);
      if (!values.includes(v as T)) fail(file, key, `one of ${values.join(' | ')}`, v);
      return v as T;
    },
    words(o: Obj, key: string, allowed?: string[]): string[] {
      const v = get(o, key);
      const ok = Array.isArray(v) && v.every((w) => typeof w === 'string' && w.trim() !== '' && (!allowed || allowed.includes(w)));
      if (!ok) fail(file, key, allowed ? `a list drawn from ${allowed.join(', ')}` : 'a list of non-empty strings', v);
      return v as string[];
    },
  };
  return c;
}

/** Validate an already-parsed rules object; `file` names it in messages and anchors relative calendar paths. */
export function validateRules(raw: unknown, file: string): Rules {
  const c = checker(file);
  const root = c.object({ '': raw }, '', [
    'promisedDue', 'extensionPolicy', 'maxExtensions', 'signDeadlineWorkdays', 'repeatWindowDays',
    'hotspotMinCallers', 'dueSoonDays', 'flags', 'sampling', 'calendarFiles',
  ]);
  const pd = c.object(root, 'promisedDue', ['tierMonths', 'explicitDate']);
  const tm = c.object(pd, 'promisedDue.tierMonths', ['2m', '3m', '6m']);
  const flags = c.object(root, 'flags', [...FLAG_ORDER]);
  const f = (name: FlagName, keys: string[]) => c.object(flags, `flags.${name}`, keys);
  const sc = f('simple_clear', ['appealTypes', 'maxContentLength']);
  const nr = f('nonstandard_reply', ['minLength', 'processWords', 'resultWords', 'boilerplate']);
  const sbu = f('solved_but_unsatisfied', ['categories']);
  const rr = f('reasonable_repeat', ['categories', 'minRepeats']);
  const oos = f('undeclared_out_of_scope', ['topics', 'keywords']);
  const vr = f('violation_repeat', ['topics', 'keywords', 'minRepeats']);
  const s = c.object(root, 'sampling', ['flagCapPerUnitFlag', 'otherShare', 'otherMinPerUnit', 'contactShare', 'resolutionShare']);
  const cal = root.calendarFiles;
  if (!Array.isArray(cal) || !cal.every((p) => typeof p === 'string' && p !== '')) fail(file, 'calendarFiles', 'a list of file paths', cal);
  const base = dirname(resolve(file));
  return {
    promisedDue: {
      tierMonths: {
        '2m': c.int(tm, 'promisedDue.tierMonths.2m', 1, 120),
        '3m': c.int(tm, 'promisedDue.tierMonths.3m', 1, 120),
        '6m': c.int(tm, 'promisedDue.tierMonths.6m', 1, 120),
      },
      explicitDate: c.oneOf(pd, 'promisedDue.explicitDate', ['use_if_not_later', 'ignore'] as const),
    },
    extensionPolicy: c.oneOf(root, 'extensionPolicy', ['original', 'latest'] as const),
    maxExtensions: c.int(root, 'maxExtensions', 0, 100),
    signDeadlineWorkdays: c.int(root, 'signDeadlineWorkdays', 1, 60),
    repeatWindowDays: c.int(root, 'repeatWindowDays', 1, 3650),
    hotspotMinCallers: c.int(root, 'hotspotMinCallers', 2, 100000),
    dueSoonDays: c.int(root, 'dueSoonDays', 0, 365),
    flags: {
      simple_clear: { appealTypes: c.words(sc, 'flags.simple_clear.appealTypes', APPEAL_TYPES), maxContentLength: c.int(sc, 'flags.simple_clear.maxContentLength', 0, 100000) },
      nonstandard_reply: {
        minLength: c.int(nr, 'flags.nonstandard_reply.minLength', 0, 100000),
        processWords: c.words(nr, 'flags.nonstandard_reply.processWords'),
        resultWords: c.words(nr, 'flags.nonstandard_reply.resultWords'),
        boilerplate: c.words(nr, 'flags.nonstandard_reply.boilerplate'),
      },
      solved_but_unsatisfied: { categories: c.words(sbu, 'flags.solved_but_unsatisfied.categories', CATEGORIES) },
      reasonable_repeat: { categories: c.words(rr, 'flags.reasonable_repeat.categories', CATEGORIES), minRepeats: c.int(rr, 'flags.reasonable_repeat.minRepeats', 1, 100000) },
      undeclared_out_of_scope: { topics: c.words(oos, 'flags.undeclared_out_of_scope.topics'), keywords: c.words(oos, 'flags.undeclared_out_of_scope.keywords') },
      violation_repeat: {
        topics: c.words(vr, 'flags.violation_repeat.topics'),
        keywords: c.words(vr, 'flags.violation_repeat.keywords'),
        minRepeats: c.int(vr, 'flags.violation_repeat.minRepeats', 1, 100000),
      },
    },
    sampling: {
      flagCapPerUnitFlag: c.int(s, 'sampling.flagCapPerUnitFlag', 0, 100000),
      otherShare: c.share(s, 'sampling.otherShare'),
      otherMinPerUnit: c.int(s, 'sampling.otherMinPerUnit', 0, 100000),
      contactShare: c.share(s, 'sampling.contactShare'),
      resolutionShare: c.share(s, 'sampling.resolutionShare'),
    },
    calendarFiles: (cal as string[]).map((p) => (isAbsolute(p) ? p : resolve(base, p))),
  };
}

/** Read and validate a rules file (default: the project's data/rules.json). */
export function loadRules(path: string = DEFAULT_RULES_PATH): Rules {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`无法读取规则配置 / cannot read rules file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UserError(`规则配置不是合法 JSON / rules file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return validateRules(raw, path);
}
