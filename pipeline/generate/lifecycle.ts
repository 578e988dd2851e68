// The re-handling of one unsatisfied case (SPEC §2), as its unit's hidden profile would do it:
// dispatch → sign + classify → (reasonable, unresolved) promise, monthly contacts, extensions,
// resolve → archive; and the spot-check findings an auditor would record. Nothing happens after
// the cutoff. What really happened (fake contacts, fake or back-dated resolutions, wrong
// categories) goes to the truth record, never into the data.
import { addMonthsClamped, addWorkdays, DAY, firstDayOfMonth, fmtDate, fmtTs, HOUR, MINUTE, monthIndexOfDay, toOfficeHours } from './clock.ts';
import type { Row } from './columns.ts';
import { weighted, type Rng } from './random.ts';
import { CONTACT_NOTES, DEFAULT_CATEGORIES, RESOLVE_NOTES, type Category, type Topic } from './topics.ts';
import type { Unit } from './world.ts';

export interface Truth {
  fakeContacts: string[];
  fakeResolutions: string[];
  backdatedResolutions: string[];
  misclassified: Array<{ case_id: string; unit_id: string; signed: Category; actual: Category }>;
}

export interface Ids {
  event: number;
  audit: number;
}

export interface UnsatisfiedCase {
  caseId: string;
  unit: Unit;
  topic: Topic;
  evaluatedAt: number;
  hasRepeat: boolean;
}

const TIERS = weighted([['current_month', 0.35], ['2m', 0.25], ['3m', 0.2], ['6m', 0.12], ['long_term', 0.08]] as const);
const EASY_CATEGORIES = weighted<Category>([['unreasonable', 0.4], ['resolved_at_sign', 0.35], ['one_time', 0.25]]);
const CONTACT_METHODS = weighted([['phone', 0.7], ['visit', 0.2], ['sms', 0.08], ['other', 0.02]] as const);
const AUDIT_METHODS = weighted([['callback', 0.6], ['onsite', 0.25], ['document', 0.15]] as const);
const AUDITORS = ['张丽', '王强', '陈静', '刘洋', '赵敏', '孙伟', '周婷', '吴磊'];
const categoryTables = new Map<Topic, ReturnType<typeof weighted<Category>>>();

function trueCategory(topic: Topic, rng: Rng): Category {
  let t = categoryTables.get(topic);
  if (!t) {
    t = weighted(Object.entries(topic.categories ?? DEFAULT_CATEGORIES) as Array<[Category, number]>);
    categoryTables.set(topic, t);
  }
  return t.draw(rng);
}

/** A time on `day` in office hours, not before `notBefore`. */
function onDay(day: number, rng: Rng, notBefore: number): number {
  return Math.max(day * DAY + 8 * HOUR + 30 * MINUTE + rng.int(0, 9 * HOUR), notBefore + rng.int(5 * MINUTE, 2 * HOUR));
}

interface Ev { at: number; row: Row }

export function reHandle(c: UnsatisfiedCase, units: Unit[], rng: Rng, ids: Ids, cutoff: number, truth: Truth, events: Row[], audits: Row[]): void {
  const p = c.unit.profile;
  const uid = c.unit.id;
  const evs: Ev[] = [];
  const ev = (type: string, at: number, unitId: string, f: Partial<Record<'category' | 'tier' | 'promised_due' | 'method' | 'note' | 'new_due' | 'decided_at', string | null>> & { approved?: boolean } = {}): string => {
    const id = `E${String(++ids.event).padStart(9, '0')}`;
    evs.push({ at, row: [id, c.caseId, type, fmtTs(at), unitId, f.category ?? null, f.tier ?? null, f.promised_due ?? null,
      f.method ?? null, f.note ?? null, f.new_due ?? null, f.approved ?? null, f.decided_at ?? null] });
    return id;
  };

  // Dispatch to the unit that handled the case; now and then first to a wrong unit (superseded).
  let dispatchAt = toOfficeHours(c.evaluatedAt + rng.int(HOUR, 30 * HOUR), rng.next());
  if (rng.chance(0.02)) {
    const wrong = rng.pick(units);
    if (wrong !== c.unit) {
      ev('dispatch', dispatchAt, wrong.id);
      dispatchAt = toOfficeHours(dispatchAt + rng.int(4 * HOUR, 3 * DAY), rng.next());
    }
  }
  ev('dispatch', dispatchAt, uid);

  const fakeContacts: Array<{ id: string; at: number }> = [];
  let resolve: { id: string; at: number; fake: boolean; backdated: boolean } | null = null;
  let signAt: number | null = null;
  const actual = trueCategory(c.topic, rng);
  let signed = actual;

  if (!rng.chance(p.neverSign)) {
    const dispatchDay = Math.floor(dispatchAt / DAY);
    const delay = rng.int(p.signDays[0], p.signDays[1]);
    signAt = delay === 0 ? dispatchAt + rng.int(10 * MINUTE, 5 * HOUR) : onDay(addWorkdays(dispatchDay, delay), rng, dispatchAt);
    if (actual === 'unresolved_reasonable' && rng.chance(p.misclassify)) signed = EASY_CATEGORIES.draw(rng);
    const signDay = Math.floor(signAt / DAY);

    if (signed !== 'unresolved_reasonable') {
      ev('sign', signAt, uid, { category: signed });
      ev('archive', signAt + rng.int(MINUTE, 2 * HOUR), uid);
    } else {
      const tier = TIERS.draw(rng);
      const months = { current_month: 0, '2m': 2, '3m': 3, '6m': 6, long_term: 0 }[tier];
      const tierDue = tier === 'long_term' ? null : tier === 'current_month' ? firstDayOfMonth(monthIndexOfDay(signDay) + 1) - 1 : addMonthsClamped(signDay, months);
      let promised: number | null = null;
      if (tierDue !== null && rng.chance(0.15)) promised = tierDue - rng.int(0, Math.min(10, tierDue - signDay));
      if (tierDue !== null && rng.chance(0.01)) promised = tierDue + rng.int(3, 20); // later than allowed: a data-quality warning
      const due = tierDue === null ? null : promised !== null && promised <= tierDue ? promised : tierDue;
      ev('sign', signAt, uid, { category: 'unresolved_reasonable', tier, promised_due: promised === null ? null : fmtDate(promised) });

      // When the problem is really solved, and what the unit records.
      let realDay: number | null;
      const onTime = due !== null && rng.chance(p.onTime);
      if (due === null) realDay = rng.chance(0.5) ? signDay + rng.int(60, 500) : null;
      else realDay = onTime ? rng.int(signDay, due) : due + rng.int(3, 75);

      // Extensions, asked a few days before the working due of a case that will be late.
      if (due !== null && !onTime && rng.chance(p.extend)) {
        let k = 1 + rng.int(0, Math.min(2, p.maxExtensions - 1));
        if (p.maxExtensions > 3 && k === 3 && rng.chance(0.25)) k = 4; // the forbidden 4th request
        let working = due;
        for (let i = 1; i <= k; i++) {
          const at = onDay(Math.max(signDay, working - rng.int(1, 5)), rng, signAt);
          const approved = rng.chance(i <= 3 ? 0.9 : 0.3);
          const newDue = addMonthsClamped(working, 1);
          const decidedAt = at + rng.int(HOUR, 3 * DAY);
          const decided = decidedAt <= cutoff; // a request still pending at the cutoff has no decision yet
          ev('extension', at, uid, { new_due: fmtDate(newDue), approved: decided ? approved : undefined, decided_at: decided ? fmtTs(decidedAt) : null });
          if (approved) working = newDue;
        }
        if (working > due && realDay !== null && rng.chance(0.7)) realDay = rng.int(due + 1, working);
      }

      let recordedDay = realDay;
      let fake = false, backdated = false;
      if (rng.chance(p.fakeResolution)) {
        recordedDay = due !== null ? rng.int(signDay, due) : signDay + rng.int(20, 90);
        fake = true;
      } else if (due !== null && realDay !== null && realDay > due && rng.chance(p.backdated)) {
        recordedDay = rng.int(Math.max(signDay, due - 5), due);
        backdated = true;
      }
      const resolveAt = recordedDay === null ? null : onDay(recordedDay, rng, signAt);

      // A first call soon after signing, then monthly contacts while unresolved (tiers 2m and longer).
      const contact = (at: number) => {
        const method = CONTACT_METHODS.draw(rng);
        const id = ev('contact', at, uid, { method, note: rng.pick(CONTACT_NOTES[method]) });
        if (rng.chance(p.fakeContact)) fakeContacts.push({ id, at });
      };
      if (rng.chance(p.contact)) contact(onDay(signDay + rng.int(0, 3), rng, signAt));
      if (tier !== 'current_month') {
        const lastDay = Math.min(resolveAt === null ? Infinity : Math.floor(resolveAt / DAY), Math.floor(cutoff / DAY));
        for (let m = monthIndexOfDay(signDay) + 1; firstDayOfMonth(m) <= lastDay; m++) {
          if (!rng.chance(p.contact)) continue;
          const from = firstDayOfMonth(m);
          const to = Math.min(firstDayOfMonth(m + 1) - 1, lastDay);
          const at = onDay(rng.int(from, to), rng, from * DAY);
          if (resolveAt === null || at < resolveAt) contact(at);
        }
      }
      if (resolveAt !== null) {
        const id = ev('resolve', resolveAt, uid, { note: rng.pick(RESOLVE_NOTES) });
        resolve = { id, at: resolveAt, fake, backdated };
        ev('archive', toOfficeHours(resolveAt + rng.int(HOUR, 5 * DAY), rng.next()), uid);
      }
    }
  }

  // Only what happened by the cutoff is in the data (and the truth).
  for (const e of evs) if (e.at <= cutoff) events.push(e.row);
  for (const f of fakeContacts) if (f.at <= cutoff) truth.fakeContacts.push(f.id);
  if (resolve && resolve.at <= cutoff) {
    if (resolve.fake) truth.fakeResolutions.push(resolve.id);
    if (resolve.backdated) truth.backdatedResolutions.push(resolve.id);
  }
  if (signAt === null || signAt > cutoff) return;
  if (signed !== actual) truth.misclassified.push({ case_id: c.caseId, unit_id: uid, signed, actual });

  // Spot-checks (SPEC §6): a sample of cases (their category, repeats, and whatever the auditor
  // finds wrong by then), plus samples of resolutions and contacts checked on their own.
  const contacts = evs.filter((e) => e.row[2] === 'contact' && e.at <= cutoff);
  const checks: Array<{ at: number; findings: Finding[] }> = [];
  if (rng.chance(signed === 'resolved_at_sign' ? 0.2 : 0.1)) {
    const at = onDay(Math.floor(signAt / DAY) + rng.int(15, 120), rng, signAt);
    const findings: Finding[] = [];
    if (signed !== actual && rng.chance(0.85)) findings.push({ finding: 'classification_inaccurate', corrected: actual, note: '回访核实，诉求合理且问题未解决，签收类别判定不准确' });
    const fc = fakeContacts.find((f) => f.at < at);
    if (fc && rng.chance(0.9)) findings.push(fakeContactFinding(fc.id));
    if (resolve && resolve.at < at) findings.push(...resolutionFindings(resolve, rng));
    if (c.hasRepeat && rng.chance(0.6)) findings.push({ finding: 'repeat_complaint', note: '诉求人就同一问题多次来电' });
    checks.push({ at, findings });
  }
  if (resolve && resolve.at <= cutoff && rng.chance(0.1)) {
    checks.push({ at: onDay(Math.floor(resolve.at / DAY) + rng.int(3, 30), rng, resolve.at), findings: resolutionFindings(resolve, rng) });
  }
  for (const ct of contacts) {
    if (!rng.chance(0.03)) continue;
    const fake = fakeContacts.some((f) => f.id === ct.row[0]);
    checks.push({ at: onDay(Math.floor(ct.at / DAY) + rng.int(1, 20), rng, ct.at), findings: fake ? [fakeContactFinding(ct.row[0] as string)] : [] });
  }

  const reported = new Set<string>();
  for (const check of checks) {
    if (check.at > cutoff) continue;
    const findings = check.findings.filter((f) => !f.eventId || !reported.has(f.eventId));
    if (!findings.length) findings.push({ finding: 'no_issue', note: '核查属实，办理规范' });
    const method = AUDIT_METHODS.draw(rng);
    const auditor = rng.pick(AUDITORS);
    for (const f of findings) {
      if (f.eventId) reported.add(f.eventId);
      const issue = f.finding !== 'no_issue' && f.finding !== 'repeat_complaint';
      const rectDue = issue ? Math.floor(check.at / DAY) + 15 : null;
      const rectAt = rectDue !== null && rng.chance(0.7) ? onDay(rectDue - rng.int(0, 12), rng, check.at) : null;
      audits.push([`A${String(++ids.audit).padStart(8, '0')}`, c.caseId, fmtTs(check.at), method, auditor, f.finding, f.eventId ?? null,
        f.corrected ?? null, f.note, rectDue === null ? null : fmtDate(rectDue), rectAt !== null && rectAt <= cutoff ? fmtTs(rectAt) : null]);
    }
  }
}

interface Finding { finding: string; eventId?: string; corrected?: Category; note: string }

function fakeContactFinding(eventId: string): Finding {
  return { finding: 'fake_contact', eventId, note: '回访诉求人，表示当月未接到任何联系' };
}

/** What an on-site check of a resolution finds: a fake one usually, a back-dated one often. */
function resolutionFindings(r: { id: string; fake: boolean; backdated: boolean }, rng: Rng): Finding[] {
  if (r.fake && rng.chance(0.9)) return [{ finding: 'fake_resolution', eventId: r.id, note: '实地查看问题依旧存在，未实际解决' }];
  if (r.backdated && rng.chance(0.8)) return [{ finding: 'overdue_resolution', eventId: r.id, note: '问题实际解决时间晚于承诺时限' }];
  return [];
}
