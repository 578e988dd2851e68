// Fills the {slots} of topic templates with places, times, durations, amounts and names, so that
// a few hundred templates give texts with real variety. Callers' names and phones derive from the
// caller number alone (stable per caller, independent of draw order).
import type { Rng } from './random.ts';

const ESTATES_A = ['金陵', '翠屏', '银城', '锦绣', '华侨', '月牙湖', '莫愁', '清江', '龙江', '仙林', '东方', '明发', '朗诗', '凤凰', '宁南', '兰园', '梅花', '紫金', '秦淮', '长江', '阳光', '雅居', '御水', '中海', '汇景', '南湖', '北苑', '虹苑', '玉兰', '丁家庄'];
const ESTATES_B = ['花园', '新村', '小区', '苑', '家园', '山庄', '公寓', '新寓', '名城', '佳园', '雅居', '里'];
const TIMES = ['每天晚上10点以后', '凌晨2点左右', '早上6点不到', '中午12点到2点', '夜间', '每天傍晚', '周末全天', '晚上11点多', '凌晨4点', '每天早晚高峰'];
const DURS = ['三天', '一周', '半个月', '二十多天', '一个多月', '两个多月', '三个月', '半年', '一年多'];
const SHOPS = ['烧烤店', '小吃店', '水果摊', '麻辣烫店', '足浴店', '超市', '火锅店', '奶茶店', '快餐店', '棋牌室', '酒吧', 'KTV'];
const CO_A = ['鑫泰', '恒达', '瑞丰', '宏宇', '佳和', '华信', '金鼎', '润德', '天诚', '盛源', '博雅', '安居'];
const CO_B = ['物业管理有限公司', '装饰工程有限公司', '教育培训中心', '劳务有限公司', '健身会所', '商贸有限公司', '美容美发店', '房产经纪公司'];
const PLATE = [...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const PHONE_PREFIX = ['133', '135', '138', '139', '150', '151', '152', '157', '158', '159', '177', '180', '181', '186', '187', '188', '189', '199'];

export interface PlaceSlots {
  road: string;
  road2: string;
  num: number;
  estate: string;
}

export function estateName(rng: Rng): string {
  return rng.pick(ESTATES_A) + rng.pick(ESTATES_B);
}

/** Fill {slots}; unknown slot names are a template bug and fail loudly. */
export function fill(template: string, rng: Rng, place: PlaceSlots, extra: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    switch (k) {
      case 'addr': return `${place.road}${place.num}号${place.estate}`;
      case 'road': return place.road;
      case 'road2': return place.road2;
      case 'num': return String(place.num);
      case 'time': return rng.pick(TIMES);
      case 'dur': return rng.pick(DURS);
      case 'area': return String(rng.int(10, 120));
      case 'shop': return rng.pick(SHOPS);
      case 'company': return rng.pick(CO_A) + rng.pick(CO_B);
      case 'fee': return (rng.int(12, 45) / 10).toFixed(1);
      case 'amount': return `${rng.int(3, 400) * 50}元`;
      case 'n': return String(rng.int(3, 40));
      case 'bus': return `${rng.int(1, 180)}路`;
      case 'plate': return `苏A${Array.from({ length: 5 }, () => rng.pick(PLATE)).join('')}`;
      default:
        if (k in extra) return extra[k];
        throw new Error(`template slot {${k}} has no filler`);
    }
  });
}

function hash32(n: number): number {
  let z = (n + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function callerId(n: number): string {
  return `P${String(n).padStart(8, '0')}`;
}

export function callerName(n: number): string {
  const h = hash32(n);
  return SURNAMES[h % SURNAMES.length] + ((h >>> 8) % 2 ? '先生' : '女士');
}

export function callerPhone(n: number): string {
  const h = hash32(n ^ 0x5bd1e995);
  const h2 = hash32(h);
  return PHONE_PREFIX[h % PHONE_PREFIX.length] + String(h2 % 100_000_000).padStart(8, '0');
}
