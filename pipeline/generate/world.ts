// The fixed part of a generated city, drawn once from the seed: handling units with their
// heavy-tailed volumes and hidden behaviour, how each topic in each district is routed to a unit,
// and the hotspots (many callers, one place, one topic, a few months).
import { DISTRICTS, PROFILES, unitSpecs, type District, type Profile, type UnitSpec } from './city.ts';
import { createRng, Weighted, type Rng } from './random.ts';
import { TOPICS, type Topic } from './topics.ts';
import { estateName } from './text.ts';

export interface Unit {
  id: string;
  spec: UnitSpec;
  profile: Profile;
  volume: number;   // relative share of the cases routed to it (log-normal: a few units get most)
}

export interface Hotspot {
  firstMonth: number; // month index
  lastMonth: number;
  district: District;
  street: string;
  road: string;
  num: number;
  estate: string;
  topic: Topic;
  unit: Unit;         // one unit handles the whole hotspot: the street's own office when it can
  casesPerMonth: number;
}

export interface World {
  units: Unit[];
  route: Map<string, Weighted<Unit>>; // `${topic_l2}|${district}` → unit
  districts: Weighted<District>;
  hotspots: Hotspot[];
}

/**
 * Behaviour profiles: each one first goes to one of the busiest units (so every behaviour shows
 * in a unit with enough cases to see it), then the rest are drawn: about 30% diligent, 20%
 * ordinary, and the problem profiles evenly.
 */
function assignProfiles(volumes: number[], rng: Rng): Profile[] {
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  };
  const busiest = volumes.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]).map(([, i]) => i);
  const out: Profile[] = new Array(volumes.length);
  shuffle([...PROFILES]).forEach((p, k) => (out[busiest[k]] = p));
  const problems = PROFILES.filter((p) => p.code !== 'diligent' && p.code !== 'ordinary');
  const rest = shuffle(busiest.slice(PROFILES.length));
  rest.forEach((unitIndex, rank) => {
    const share = rank / rest.length;
    out[unitIndex] = share < 0.3 ? PROFILES[0] : share < 0.5 ? PROFILES[1] : problems[rank % problems.length];
  });
  return out;
}

export function buildWorld(seed: number, months: number[], casesPerMonth: number): World {
  const rng = createRng(seed, 1);
  const specs = unitSpecs();
  const volumes = specs.map(() => Math.exp(1.3 * rng.normal()));
  const profiles = assignProfiles(volumes, createRng(seed, 2));
  const units: Unit[] = specs.map((spec, i) => ({ id: `U${String(i + 1).padStart(3, '0')}`, spec, profile: profiles[i], volume: volumes[i] }));

  const route = new Map<string, Weighted<Unit>>();
  for (const t of TOPICS) {
    for (const d of DISTRICTS) {
      const cands = units.filter((u) => u.spec.topics.includes(t.l2) && (u.spec.district === d.name || u.spec.district === '全市'));
      if (!cands.length) throw new Error(`no unit handles ${t.l2} in ${d.name}`);
      // A street handles its own street's share only; city-wide units spread over 11 districts.
      const w = cands.map((u) => u.volume * (u.spec.type === 'street' ? 0.5 : u.spec.district === '全市' ? 0.4 : 1));
      route.set(`${t.l2}|${d.name}`, new Weighted(cands, w));
    }
  }

  const districts = new Weighted(DISTRICTS, DISTRICTS.map((d) => d.population));
  const hrng = createRng(seed, 3);
  const hotTopics = TOPICS.filter((t) => ['噪声扰民', '违法建设', '占道经营', '环境污染', '城市排水', '油烟扰民', '物业管理'].includes(t.l2));
  const hotspots: Hotspot[] = [];
  const count = Math.max(1, Math.round(months.length / 3));
  for (let i = 0; i < count; i++) {
    const d = districts.draw(hrng);
    const first = hrng.pick(months);
    const street = hrng.pick(d.streets);
    const topic = hrng.pick(hotTopics);
    const own = units.find((u) => u.spec.street === street && u.spec.topics.includes(topic.l2));
    const others = units.filter((u) => u.spec.type !== 'street' && u.spec.topics.includes(topic.l2) && (u.spec.district === d.name || u.spec.district === '全市'));
    hotspots.push({
      firstMonth: first,
      lastMonth: first + hrng.int(0, 2),
      district: d,
      street,
      road: hrng.pick(d.roads),
      num: hrng.int(1, 300),
      estate: estateName(hrng),
      topic,
      unit: own ?? hrng.pick(others),
      casesPerMonth: Math.min(400, Math.max(8, Math.round(casesPerMonth * 0.004))),
    });
  }
  return { units, route, districts, hotspots };
}
