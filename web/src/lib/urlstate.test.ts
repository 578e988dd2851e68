import { describe, expect, it } from 'vitest';
import { decode, encode, hrefWith, OVERVIEW, UNIT, UNITS, WARNING_LIST } from './urlstate.ts';

// Table-driven round trip: query string → state → query string, for every page's schema.
const cases: Array<{ name: string; schema: Parameters<typeof decode>[0]; qs: string; state: Record<string, unknown>; canonical?: string }> = [
  { name: 'overview default', schema: OVERVIEW, qs: '', state: { m: '' } },
  { name: 'overview month', schema: OVERVIEW, qs: 'm=2025-03', state: { m: '2025-03' } },
  { name: 'units default', schema: UNITS, qs: '', state: { m: '', d: '', t: '', s: 'key', o: 'asc', p: 1 } },
  {
    name: 'units all set', schema: UNITS, qs: 'm=2025-02&d=%E9%BC%93%E6%A5%BC%E5%8C%BA&t=street&s=ots&o=desc&p=3',
    state: { m: '2025-02', d: '鼓楼区', t: 'street', s: 'ots', o: 'desc', p: 3 },
  },
  { name: 'defaults written out are dropped', schema: UNITS, qs: 's=key&o=asc&p=1', state: { m: '', d: '', t: '', s: 'key', o: 'asc', p: 1 }, canonical: '' },
  { name: 'order is canonical', schema: UNITS, qs: 'p=2&m=2025-01', state: { m: '2025-01', d: '', t: '', s: 'key', o: 'asc', p: 2 }, canonical: 'm=2025-01&p=2' },
  { name: 'bad values fall back', schema: UNITS, qs: 'm=2025-13&t=bogus&s=drop%20table&p=0&x=1', state: { m: '', d: '', t: '', s: 'key', o: 'asc', p: 1 }, canonical: '' },
  { name: 'unit filters', schema: UNIT, qs: 'm=2025-03&c=unresolved_reasonable&r=2m&st=in_progress&f=simple_clear&p=2', state: { m: '2025-03', c: 'unresolved_reasonable', r: '2m', st: 'in_progress', f: 'simple_clear', p: 2 } },
  { name: 'warnings', schema: WARNING_LIST, qs: 'w=overdue&u=U%2F1', state: { w: 'overdue', u: 'U/1', p: 1 } },
];

describe('URL state', () => {
  it.each(cases)('$name', ({ schema, qs, state, canonical }) => {
    const decoded = decode(schema, new URLSearchParams(qs));
    expect(decoded).toEqual(state);
    expect(encode(schema, decoded)).toBe(canonical ?? qs);
    expect(decode(schema, new URLSearchParams(encode(schema, decoded)))).toEqual(state);
  });

  it('changing a filter goes back to page 1; changing the page keeps the filters', () => {
    const s = decode(UNITS, new URLSearchParams('d=x&p=4'));
    expect(hrefWith('/units', UNITS, s, { t: 'street' })).toBe('/units?d=x&t=street');
    expect(hrefWith('/units', UNITS, s, { p: 5 })).toBe('/units?d=x&p=5');
    expect(hrefWith('/units', UNITS, s, { d: '', p: 1 })).toBe('/units');
  });
});
