// One month of hotline work orders (工单): when they arrive (weekday and hour patterns, seasons),
// who calls, where, about what, which unit handles it, its first reply and the caller's rating;
// callers who complain again within 30 days; hotspots. Unsatisfied cases go on to lifecycle.ts.
import { DAY, HOUR, firstDayOfMonth, fmtTs, isWorkday, monthOfYear, toOfficeHours, weekday } from './clock.ts';
import type { Row } from './columns.ts';
import { reHandle, type Ids, type Truth } from './lifecycle.ts';
import { Weighted, weighted, type Rng } from './random.ts';
import { callerId, callerName, callerPhone, estateName, fill, type PlaceSlots } from './text.ts';
import { CLOSINGS, GOOD_REPLIES, OPENINGS, OUT_OF_SCOPE_TOPICS, POOR_REPLIES, TOPICS, WEB_OPENINGS, type Appeal, type Topic } from './topics.ts';
import type { District } from './city.ts';
import type { Hotspot, Unit, World } from './world.ts';

/** Relative hotline volume by calendar month (Spring Festival dip, summer peak). */
const MONTH_VOLUME = [1.0, 0.82, 1.0, 1.0, 1.02, 1.08, 1.15, 1.15, 1.05, 0.95, 1.0, 1.02];
/** Calls by hour of day. */
const HOURS = [0.3, 0.15, 0.1, 0.08, 0.08, 0.15, 0.5, 1.2, 2.6, 3.6, 3.8, 3.4, 2.2, 2.4, 3.3, 3.5, 3.2, 2.8, 2, 1.8, 1.8, 1.6, 1.2, 0.7];
const NIGHT_HOURS = [1.5, 0.8, 0.5, 0.3, 0.2, 0.2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 1.5, 2.5, 3, 2.5];
const CHANNELS = weighted([['phone', 0.62], ['wechat', 0.15], ['web', 0.12], ['app', 0.08], ['other', 0.03]] as const);
const HOUR_TABLE = new Weighted(HOURS.map((_, h) => h), HOURS);
const NIGHT_TABLE = new Weighted(NIGHT_HOURS.map((_, h) => h), NIGHT_HOURS);

export function monthVolume(mi: number): number {
  return MONTH_VOLUME[monthOfYear(mi) - 1];
}

export interface MonthContext {
  world: World;
  rng: Rng;
  ids: Ids & { case: number };
  truth: Truth;
  cutoff: number;      // wall-clock second: nothing later is written
  callers: number;     // size of the caller pool
  emit(cases: Row[], events: Row[], audits: Row[]): void;
}

export interface MonthCounts {
  cases: number;
  unsatisfied: number;
}

interface Draft {
  received: number;
  callerNo: number;
  topic: Topic;
  district: District;
  street: string;
  place: PlaceSlots;
  unit: Unit;
  repeatOf?: boolean;
}

const topicTables = new Map<number, Weighted<Topic>>();
function topicsOf(moy: number): Weighted<Topic> {
  let t = topicTables.get(moy);
  if (!t) {
    t = new Weighted(TOPICS, TOPICS.map((x) => x.weight * (x.season?.[moy] ?? 1)));
    topicTables.set(moy, t);
  }
  return t;
}

const appealTables = new Map<Topic, Weighted<Appeal>>();
function appealOf(topic: Topic, rng: Rng): Appeal {
  let t = appealTables.get(topic);
  if (!t) {
    t = weighted(Object.entries(topic.appeal) as Array<[Appeal, number]>);
    appealTables.set(topic, t);
  }
  return t.draw(rng);
}

function receivedTime(day: number, topic: Topic, rng: Rng): number {
  const hour = rng.chance(topic.night ?? 0.05) ? NIGHT_TABLE.draw(rng) : HOUR_TABLE.draw(rng);
  return day * DAY + hour * HOUR + rng.int(0, HOUR - 1);
}

function content(topic: Topic, appeal: Appeal, channel: string, place: PlaceSlots, repeat: boolean, rng: Rng): string {
  if ((appeal === 'consult' || appeal === 'help') && rng.chance(0.6)) return fill(rng.pick(topic.short), rng, place);
  const open = repeat ? rng.pick(['此前已反映过，问题仍未解决。', '再次来电反映：', '多次反映未果，']) : rng.pick(channel === 'phone' ? OPENINGS : WEB_OPENINGS);
  return open + fill(rng.pick(topic.texts), rng, place) + rng.pick(CLOSINGS);
}

/**
 * Writes one case row and, when it is rated unsatisfied, its re-handling. `decideRepeat` says,
 * once the rating is known, whether the caller will complain again (auditors may record it).
 */
function emitCase(d: Draft, ctx: MonthContext, decideRepeat: (unsatisfied: boolean) => boolean, rows: { cases: Row[]; events: Row[]; audits: Row[] }): { unsatisfied: boolean; repeats: boolean } {
  const { rng } = ctx;
  const p = d.unit.profile;
  const caseId = `NJ${fmtTs(d.received).slice(0, 10).replaceAll('-', '')}${String(++ctx.ids.case).padStart(8, '0')}`;
  const channel = CHANNELS.draw(rng);
  const appeal = appealOf(d.topic, rng);
  const text = content(d.topic, appeal, channel, d.place, Boolean(d.repeatOf), rng);
  const outOfScope = OUT_OF_SCOPE_TOPICS.has(d.topic.l2) ? rng.chance(p.code === 'diligent' ? 0.8 : 0.45) : rng.chance(0.005);

  const handlingDays = Math.min(30, Math.floor(Math.exp(0.8 * rng.normal() + 1.1)));
  let closed: number | null = toOfficeHours(d.received + handlingDays * DAY + rng.int(0, 6 * HOUR), rng.next());
  const good = rng.chance(p.goodReply);
  const closedText = fmtTs(closed);
  const reply = fill(rng.pick(good ? GOOD_REPLIES : POOR_REPLIES), rng, d.place, {
    topic: d.topic.l2, fix: rng.pick(d.topic.fixes), date: `${Number(closedText.slice(5, 7))}月${Number(closedText.slice(8, 10))}日`,
  });
  let satisfaction = 'none';
  let evaluated: number | null = null;
  if (closed > ctx.cutoff) closed = null;
  else if (rng.chance(0.83)) {
    evaluated = closed + rng.int(2 * HOUR, 3 * DAY);
    if (evaluated > ctx.cutoff) evaluated = null;
    else {
      let pUnsat = good ? 0.04 : 0.15;
      if (OUT_OF_SCOPE_TOPICS.has(d.topic.l2)) pUnsat *= 1.8;
      if (appeal === 'complaint') pUnsat *= 1.15;
      if (appeal === 'consult') pUnsat *= 0.6;
      if (d.repeatOf) pUnsat *= 1.6;
      satisfaction = rng.chance(pUnsat) ? 'unsatisfied' : rng.chance(0.75) ? 'satisfied' : 'basic';
    }
  }
  const address = `${d.district.name}${d.street}${d.place.road}${d.place.num}号${d.place.estate}`;
  rows.cases.push([caseId, fmtTs(d.received), channel, callerId(d.callerNo), callerName(d.callerNo), callerPhone(d.callerNo), d.district.name,
    d.street, address, appeal, d.topic.l1, d.topic.l2, text, d.unit.id, outOfScope, reply, closed === null ? null : fmtTs(closed),
    satisfaction, evaluated === null ? null : fmtTs(evaluated)]);
  const unsatisfied = satisfaction === 'unsatisfied';
  const repeats = decideRepeat(unsatisfied);
  if (unsatisfied) reHandle({ caseId, unit: d.unit, topic: d.topic, evaluatedAt: evaluated!, hasRepeat: repeats }, ctx.world.units, rng, ctx.ids, ctx.cutoff, ctx.truth, rows.events, rows.audits);
  return { unsatisfied, repeats };
}

const BATCH = 20_000;

/** Generates `target` cases received in month `mi` (plus their repeats), emitting in batches. */
export function generateMonth(mi: number, target: number, ctx: MonthContext): MonthCounts {
  const { rng, world } = ctx;
  const first = firstDayOfMonth(mi);
  const days: number[] = [];
  const dayWeights: number[] = [];
  for (let d = first; d < firstDayOfMonth(mi + 1) && d * DAY <= ctx.cutoff; d++) {
    const wd = weekday(d);
    days.push(d);
    dayWeights.push(isWorkday(d) ? 1 : wd === 0 || wd === 6 ? 0.7 : 0.6);
  }
  const counts: MonthCounts = { cases: 0, unsatisfied: 0 };
  if (!days.length || target <= 0) return counts;
  const dayTable = new Weighted(days, dayWeights);
  const topics = topicsOf(monthOfYear(mi));
  let rows = { cases: [] as Row[], events: [] as Row[], audits: [] as Row[] };
  const flush = () => {
    ctx.emit(rows.cases, rows.events, rows.audits);
    rows = { cases: [], events: [], audits: [] };
  };

  // A case, then possibly the same caller again on the same topic within 30 days (a repeat);
  // unsatisfied callers come back far more often.
  const emitWithRepeats = (d: Draft, depth: number) => {
    const gap = rng.int(DAY, 29 * DAY);
    const canRepeat = depth < 3 && d.received + gap <= ctx.cutoff && counts.cases + 1 < target;
    const decide = (unsatisfied: boolean) => canRepeat && rng.chance((unsatisfied ? 0.3 : 0.03) * (OUT_OF_SCOPE_TOPICS.has(d.topic.l2) ? 1.5 : 1));
    const { unsatisfied, repeats } = emitCase(d, ctx, decide, rows);
    counts.cases++;
    if (unsatisfied) counts.unsatisfied++;
    if (rows.cases.length >= BATCH) flush();
    if (repeats) emitWithRepeats({ ...d, received: d.received + gap, repeatOf: true }, depth + 1);
  };

  // Hotspots active this month: many different callers, one place, one topic.
  for (const h of world.hotspots) {
    if (mi < h.firstMonth || mi > h.lastMonth) continue;
    const n = Math.min(h.casesPerMonth, Math.floor(target * 0.2));
    for (let i = 0; i < n; i++) emitWithRepeats(hotspotDraft(h, dayTable, ctx), 0);
  }
  while (counts.cases < target) {
    const topic = topics.draw(rng);
    const district = world.districts.draw(rng);
    const unit = world.route.get(`${topic.l2}|${district.name}`)!.draw(rng);
    const street = unit.spec.street ?? rng.pick(district.streets);
    const place = { road: rng.pick(district.roads), road2: rng.pick(district.roads), num: rng.int(1, 400), estate: estateName(rng) };
    emitWithRepeats({ received: receivedTime(dayTable.draw(rng), topic, rng), callerNo: rng.int(1, ctx.callers), topic, district, street, place, unit }, 0);
  }
  flush();
  return counts;
}

function hotspotDraft(h: Hotspot, dayTable: Weighted<number>, ctx: MonthContext): Draft {
  const { rng } = ctx;
  return {
    received: receivedTime(dayTable.draw(rng), h.topic, rng),
    callerNo: rng.int(1, ctx.callers),
    topic: h.topic,
    district: h.district,
    street: h.street,
    place: { road: h.road, road2: rng.pick(h.district.roads), num: h.num, estate: h.estate },
    unit: h.unit,
  };
}
