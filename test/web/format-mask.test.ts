import { describe, expect, it } from 'vitest';
import { formatCount, formatDeltaPoints, formatInterval, formatMonth, formatRate, label, previousMonth } from '../../pipeline/format.ts';
import { maskAddress, maskName, maskPhone, maskText } from '../../pipeline/query/mask.ts';

describe('format', () => {
  it.each([
    [0.8534, '85.3%'], [1, '100.0%'], [0, '0.0%'], [null, '—'], [1 / 3, '33.3%'],
  ])('rate %s → %s', (r, s) => expect(formatRate(r as number | null)).toBe(s));
  it('delta in percentage points', () => {
    expect(formatDeltaPoints(0.9, 0.879)).toBe('+2.1 个百分点'); // (.9 − .879)·100 = 2.1
    expect(formatDeltaPoints(0.5, 0.75)).toBe('-25.0 个百分点');
    expect(formatDeltaPoints(0.5, 0.5004)).toBe('0.0 个百分点'); // −0.04 rounds to 0
    expect(formatDeltaPoints(null, 0.5)).toBe('—');
  });
  it('counts, months, intervals, labels', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatMonth('2025-03-01')).toBe('2025年3月');
    expect(formatInterval(0.490157, 0.943319)).toBe('[49.0%, 94.3%]');
    expect(label('category', 'one_time')).toBe('一次性投诉');
    expect(label('category', 'new_code')).toBe('new_code');
    expect(previousMonth('2025-01')).toBe('2024-12');
    expect(previousMonth('2025-10')).toBe('2025-09');
  });
});

describe('mask', () => {
  it.each([
    ['13812341234', '138****1234'], ['138-1234-1234', '138****1234'], ['025-84561234', '*******1234'], ['', null], [null, null],
  ])('phone %s → %s', (p, m) => expect(maskPhone(p as string | null)).toBe(m));
  it.each([['张三', '张*'], ['欧阳娜娜', '欧***'], ['李', '*'], [null, null]])('name %s → %s', (n, m) => expect(maskName(n)).toBe(m));
  it('address loses door numbers', () => {
    expect(maskAddress('中山路123号4栋502室')).toBe('中山路***');
    expect(maskAddress('鼓楼区宁海路')).toBe('鼓楼区宁海路');
  });
  it('phone numbers inside text', () => {
    expect(maskText('请回电13812341234或15900001111，座机84561234')).toBe('请回电138****1234或159****1111，座机84561234');
    expect(maskText('工单号213812341234567')).toBe('工单号213812341234567'); // part of a longer number: not a phone
  });
});
