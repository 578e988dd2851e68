// Filters live in the URL (see web/FILTERS.md). Each page declares its parameters once: a short
// name, a kind and a default. decode() reads a query string (bad values fall back to the default,
// so a hand-edited link never breaks a page); encode() writes only non-default values in the
// declared order, so the default state is the empty query string and links are canonical.

export type ParamSpec =
  | { kind: 'month' }                                  // YYYY-MM, default '' (= latest month)
  | { kind: 'text' }                                   // free text id (unit id, district), default ''
  | { kind: 'enum'; values: readonly string[]; default: string }
  | { kind: 'page' };                                  // 1-based page number, default 1

export type Schema = Record<string, ParamSpec>;
export type State<S extends Schema> = { [K in keyof S]: S[K] extends { kind: 'page' } ? number : string };

function defaultOf(spec: ParamSpec): string | number {
  if (spec.kind === 'page') return 1;
  if (spec.kind === 'enum') return spec.default;
  return '';
}

function valid(spec: ParamSpec, raw: string): string | number | undefined {
  switch (spec.kind) {
    case 'month':
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(raw) ? raw : undefined;
    case 'text':
      return raw.length > 0 && raw.length <= 200 ? raw : undefined;
    case 'enum':
      return spec.values.includes(raw) ? raw : undefined;
    case 'page': {
      const n = Number(raw);
      return /^\d{1,7}$/.test(raw) && n >= 1 ? n : undefined;
    }
  }
}

export function decode<S extends Schema>(schema: S, params: URLSearchParams): State<S> {
  const out: Record<string, string | number> = {};
  for (const [name, spec] of Object.entries(schema)) {
    const raw = params.get(name);
    out[name] = (raw === null ? undefined : valid(spec, raw)) ?? defaultOf(spec);
  }
  return out as State<S>;
}

/** Query string without the leading "?" ('' for the default state). */
export function encode<S extends Schema>(schema: S, state: Partial<State<S>>): string {
  const q = new URLSearchParams();
  for (const [name, spec] of Object.entries(schema)) {
    const v = (state as Record<string, string | number | undefined>)[name];
    if (v === undefined || v === defaultOf(spec) || valid(spec, String(v)) === undefined) continue;
    q.set(name, String(v));
  }
  return q.toString();
}

/** Href of the same page with some parameters changed; changing a filter resets the page number. */
export function hrefWith<S extends Schema>(path: string, schema: S, state: State<S>, change: Partial<State<S>>): string {
  const resetsPage = Object.keys(change).some((k) => schema[k]?.kind !== 'page');
  const next = { ...state, ...change } as Record<string, string | number>;
  for (const [name, spec] of Object.entries(schema)) if (resetsPage && spec.kind === 'page' && !(name in change)) next[name] = 1;
  const qs = encode(schema, next as Partial<State<S>>);
  return qs ? `${path}?${qs}` : path;
}

// ---- The parameters of every page (documented in web/FILTERS.md) ----
export const CATEGORIES = ['unresolved_reasonable', 'unreasonable', 'litigation', 'resolved_at_sign', 'one_time'] as const;
export const TIERS = ['current_month', '2m', '3m', '6m', 'long_term'] as const;
export const STATUSES = ['undispatched', 'unsigned', 'in_progress', 'resolved', 'closed_at_sign'] as const;
export const FLAGS = ['simple_clear', 'nonstandard_reply', 'solved_but_unsatisfied', 'reasonable_repeat', 'undeclared_out_of_scope', 'violation_repeat'] as const;
export const WARNINGS = ['unsigned_overdue', 'contact_due', 'due_soon', 'overdue', 'third_extension', 'fourth_extension'] as const;
export const UNIT_SORTS = ['key', 'ar', 'otc', 'ots', 'ar_den', 'otc_den', 'ots_den'] as const;

export const OVERVIEW = { m: { kind: 'month' } } satisfies Schema;
export const UNITS = {
  m: { kind: 'month' },
  d: { kind: 'text' },
  t: { kind: 'enum', values: ['', 'district_bureau', 'street', 'city_bureau', 'enterprise'], default: '' },
  s: { kind: 'enum', values: UNIT_SORTS, default: 'key' },
  o: { kind: 'enum', values: ['asc', 'desc'], default: 'asc' },
  p: { kind: 'page' },
} satisfies Schema;
export const UNIT = {
  m: { kind: 'month' },
  c: { kind: 'enum', values: ['', ...CATEGORIES], default: '' },
  r: { kind: 'enum', values: ['', ...TIERS], default: '' },
  st: { kind: 'enum', values: ['', ...STATUSES], default: '' },
  f: { kind: 'enum', values: ['', ...FLAGS], default: '' },
  p: { kind: 'page' },
} satisfies Schema;
export const WARNING_LIST = {
  w: { kind: 'enum', values: ['', ...WARNINGS], default: '' },
  u: { kind: 'text' },
  p: { kind: 'page' },
} satisfies Schema;
export const FLAG_LIST = {
  m: { kind: 'month' },
  f: { kind: 'enum', values: ['', ...FLAGS], default: '' },
  u: { kind: 'text' },
  d: { kind: 'text' },
  p: { kind: 'page' },
} satisfies Schema;
export const DATA = { p: { kind: 'page' } } satisfies Schema;
