// Nanjing as the generator knows it: the 11 districts with their real streets (街道) and some real
// roads, and about 100 handling units (承办单位) of the four unit types.

export interface District {
  name: string;            // 玄武区
  population: number;      // relative weight of hotline volume (10k residents, rounded)
  streets: string[];
  roads: string[];
}

export const DISTRICTS: District[] = [
  { name: '玄武区', population: 54, streets: ['新街口街道', '梅园新村街道', '玄武门街道', '锁金村街道', '红山街道', '孝陵卫街道', '玄武湖街道'],
    roads: ['中山路', '珠江路', '北京东路', '龙蟠路', '太平北路', '中山东路', '长江路', '玄武大道'] },
  { name: '秦淮区', population: 74, streets: ['秦虹街道', '夫子庙街道', '红花街道', '双塘街道', '中华门街道', '五老村街道', '洪武路街道', '大光路街道', '瑞金路街道', '月牙湖街道', '光华路街道', '朝天宫街道'],
    roads: ['中华路', '健康路', '升州路', '御道街', '白下路', '应天大街', '龙蟠中路', '大明路'] },
  { name: '建邺区', population: 53, streets: ['南苑街道', '莫愁湖街道', '沙洲街道', '双闸街道', '江心洲街道', '兴隆街道'],
    roads: ['江东中路', '河西大街', '庐山路', '嘉陵江东街', '奥体大街', '集庆门大街', '黄山路', '所街'] },
  { name: '鼓楼区', population: 94, streets: ['宁海路街道', '华侨路街道', '湖南路街道', '中央门街道', '挹江门街道', '江东街道', '凤凰街道', '阅江楼街道', '热河南路街道', '幕府山街道', '建宁路街道', '宝塔桥街道', '小市街道'],
    roads: ['中山北路', '湖南路', '广州路', '汉中路', '草场门大街', '虎踞路', '清凉门大街', '热河路'] },
  { name: '浦口区', population: 118, streets: ['泰山街道', '顶山街道', '沿江街道', '江浦街道', '桥林街道', '汤泉街道', '盘城街道', '星甸街道', '永宁街道'],
    roads: ['浦珠路', '浦滨路', '大桥北路', '文德路', '江浦路', '浦口大道', '城南河路', '万寿路'] },
  { name: '栖霞区', population: 99, streets: ['尧化街道', '马群街道', '迈皋桥街道', '燕子矶街道', '栖霞街道', '龙潭街道', '仙林街道', '八卦洲街道', '西岗街道'],
    roads: ['仙林大道', '尧新大道', '和燕路', '文澜路', '学海路', '万寿路', '宁镇公路', '栖霞大道'] },
  { name: '雨花台区', population: 61, streets: ['雨花街道', '赛虹桥街道', '西善桥街道', '板桥街道', '铁心桥街道', '梅山街道', '古雄街道'],
    roads: ['雨花大道', '软件大道', '宁南大道', '花神大道', '凤台南路', '梅山路', '雨花西路', '小行路'] },
  { name: '江宁区', population: 197, streets: ['东山街道', '秣陵街道', '汤山街道', '淳化街道', '禄口街道', '江宁街道', '谷里街道', '湖熟街道', '横溪街道', '麒麟街道'],
    roads: ['双龙大道', '天元中路', '胜太路', '竹山路', '秣周东路', '将军大道', '弘景大道', '东麒路'] },
  { name: '六合区', population: 95, streets: ['雄州街道', '龙池街道', '程桥街道', '金牛湖街道', '横梁街道', '龙袍街道', '马鞍街道', '冶山街道', '葛塘街道', '长芦街道', '大厂街道'],
    roads: ['雄州中路', '龙津路', '新华路', '园林路', '延安路', '瓜埠路', '葛中路', '长芦街'] },
  { name: '溧水区', population: 50, streets: ['永阳街道', '柘塘街道', '东屏街道', '石湫街道', '洪蓝街道', '白马镇', '晶桥镇', '和凤镇'],
    roads: ['珍珠南路', '通济街', '永阳路', '天生桥大道', '中山东路', '致远路', '宝塔路', '交通路'] },
  { name: '高淳区', population: 44, streets: ['淳溪街道', '古柏街道', '漆桥街道', '固城街道', '东坝街道', '桠溪街道', '阳江镇', '砖墙镇'],
    roads: ['宝塔路', '镇兴路', '北岭路', '淳兴路', '石臼湖路', '双高路', '芜太路', '丹阳湖路'] },
];

/** Hidden behaviour of a unit: what it does with unsatisfied cases (written only to the truth file). */
export interface Profile {
  code: string;
  label: string;
  signDays: [number, number];  // working days from dispatch to sign
  neverSign: number;           // share of dispatches never signed
  misclassify: number;         // share of truly reasonable, unresolved cases signed as something easier
  contact: number;             // chance of recording a contact in a month it is due
  fakeContact: number;         // share of recorded contacts that never happened
  onTime: number;              // chance the real resolution meets the promised due
  fakeResolution: number;      // share of resolve events recorded for a problem not solved
  backdated: number;           // share of late resolutions recorded as if on time
  extend: number;              // chance a late case gets extension requests
  maxExtensions: number;       // 4 = sometimes asks a forbidden 4th time
  goodReply: number;           // share of first replies stating process and result
}

const base: Omit<Profile, 'code' | 'label'> = {
  signDays: [0, 1], neverSign: 0.005, misclassify: 0.04, contact: 0.9, fakeContact: 0.01, onTime: 0.8,
  fakeResolution: 0.01, backdated: 0.02, extend: 0.3, maxExtensions: 2, goodReply: 0.7,
};

export const PROFILES: Profile[] = [
  { ...base, code: 'diligent', label: '规范勤勉', signDays: [0, 1], neverSign: 0, misclassify: 0.01, contact: 0.98, fakeContact: 0, onTime: 0.93, fakeResolution: 0, backdated: 0, extend: 0.5, goodReply: 0.92 },
  { ...base, code: 'ordinary', label: '一般' },
  { ...base, code: 'slow_sign', label: '签收拖延', signDays: [1, 8], neverSign: 0.2, onTime: 0.65, goodReply: 0.55 },
  { ...base, code: 'forgets_contact', label: '漏联系', contact: 0.4 },
  { ...base, code: 'fakes_contact', label: '虚假联系', contact: 0.97, fakeContact: 0.5 },
  { ...base, code: 'fakes_resolution', label: '虚假解决', onTime: 0.6, fakeResolution: 0.3, backdated: 0.5 },
  { ...base, code: 'misclassifies', label: '判定不准', misclassify: 0.4, goodReply: 0.5 },
  { ...base, code: 'over_extends', label: '频繁延期', onTime: 0.45, extend: 0.95, maxExtensions: 4 },
];

export type UnitType = 'district_bureau' | 'street' | 'city_bureau' | 'enterprise';

export interface UnitSpec {
  name: string;
  type: UnitType;
  district: string;      // '全市' for city-wide units
  topics: string[];      // topic_l2 it handles
  street?: string;       // for street units
}

const STREET_TOPICS = ['噪声扰民', '违法建设', '占道经营', '物业管理', '市容环卫', '油烟扰民', '民商事纠纷', '社区建设', '社会救助', '城市排水'];

/** Streets that are themselves handling units (4–6 per district, the busiest first). */
const STREET_UNITS: Record<string, number> = {
  玄武区: 4, 秦淮区: 5, 建邺区: 4, 鼓楼区: 6, 浦口区: 4, 栖霞区: 5, 雨花台区: 4, 江宁区: 6, 六合区: 4, 溧水区: 3, 高淳区: 3,
};

/** The handling units, in a fixed order (unit_id = position). */
export function unitSpecs(): UnitSpec[] {
  const units: UnitSpec[] = [];
  for (const d of DISTRICTS) {
    units.push({ name: `${d.name}城管局`, type: 'district_bureau', district: d.name, topics: ['违法建设', '占道经营', '市容环卫', '油烟扰民', '噪声扰民'] });
    units.push({ name: `${d.name}市场监管局`, type: 'district_bureau', district: d.name, topics: ['食品安全', '消费维权', '价格监管'] });
    units.push({ name: `${d.name}住建局`, type: 'district_bureau', district: d.name, topics: ['物业管理', '房屋质量', '市政设施'] });
  }
  for (const d of DISTRICTS) {
    for (const s of d.streets.slice(0, STREET_UNITS[d.name])) {
      units.push({ name: s.endsWith('镇') ? `${s}人民政府` : `${s}办事处`, type: 'street', district: d.name, topics: STREET_TOPICS, street: s });
    }
  }
  const city = (name: string, topics: string[]): UnitSpec => ({ name, type: 'city_bureau', district: '全市', topics });
  units.push(
    city('市住建局', ['房屋质量', '物业管理']),
    city('市城管局', ['市容环卫', '违法建设']),
    city('市交通运输局', ['非法营运', '出租车管理', '公交服务']),
    city('市公安局', ['社会治安', '停车管理', '噪声扰民']),
    city('市生态环境局', ['环境污染', '噪声扰民']),
    city('市人社局', ['拖欠工资', '社会保险']),
    city('市卫健委', ['医疗服务']),
    city('市教育局', ['教育收费', '校外培训']),
    city('市民政局', ['社会救助', '社区建设']),
    city('市市场监管局', ['食品安全', '价格监管', '消费维权']),
    city('市司法局', ['涉法涉诉', '民商事纠纷']),
    city('市水务局', ['城市排水']),
  );
  const ent = (name: string, topics: string[]): UnitSpec => ({ name, type: 'enterprise', district: '全市', topics });
  units.push(
    ent('南京水务集团', ['供水服务', '城市排水']),
    ent('国网南京供电公司', ['供电服务']),
    ent('南京港华燃气', ['燃气供应', '供暖服务']),
    ent('南京公交集团', ['公交服务']),
    ent('南京地铁集团', ['公交服务']),
    ent('中国电信南京分公司', ['通信服务']),
    ent('南京市城市建设投资控股集团', ['市政设施']),
  );
  return units;
}
