// Early warnings (SPEC §7) as of Friday 14 March 2025, dueSoonDays = 7 (so "due soon" = due 14–21 March),
// maxExtensions = 3, sign deadline = 2nd working day after dispatch.
import { describe, expect, it } from 'vitest';
import { ev, query, seedAndBuild, unsatisfiedCase } from './harness.ts';

const units = [{ unit_id: 'U1', unit_name: '单位一', unit_type: 'street', district: '玄武区' }];
const signed = (id: string, signAt: string, tier: string) => [
  ev(id, 'dispatch', '2025-01-02 09:00:00', 'U1'),
  ev(id, 'sign', signAt, 'U1', { category: 'unresolved_reasonable', tier }),
];
const marchContact = (id: string) => ev(id, 'contact', '2025-03-03 10:00:00', 'U1', { method: 'phone' });
const extension = (id: string, at: string) => ev(id, 'extension', at, 'U1', { new_due: '2025-09-30', approved: true, decided_at: at });

describe('early warnings, as of 2025-03-14', () => {
  it('raises each warning for the cases it concerns and no others', async () => {
    const events = [
      // W1: dispatched Mon 10 Mar, deadline Wed 12, unsigned on the 14th → unsigned_overdue.
      ev('W1', 'dispatch', '2025-03-10 09:00:00', 'U1'),
      // W2: dispatched Thu 13 Mar, deadline Mon 17 → not yet overdue → nothing.
      ev('W2', 'dispatch', '2025-03-13 09:00:00', 'U1'),
      // W3: 3m signed 10 Jan (due 10 Apr), no contact in March → contact_due.
      ...signed('W3', '2025-01-10 09:00:00', '3m'),
      // W4: 2m signed 14 Jan → due 14 Mar = as-of date → due_soon (0 days), not overdue; contacted in March.
      ...signed('W4', '2025-01-14 09:00:00', '2m'), marchContact('W4'),
      // W5: 2m signed 22 Jan → due 22 Mar, 8 days away → nothing; contacted in March.
      ...signed('W5', '2025-01-22 09:00:00', '2m'), marchContact('W5'),
      // W6: current_month signed 20 Feb → due 28 Feb, unresolved → overdue (current_month is not due for contact).
      ...signed('W6', '2025-02-20 09:00:00', 'current_month'),
      // W7: 6m, three extension requests → third_extension; contacted in March.
      ...signed('W7', '2025-01-10 09:00:00', '6m'), marchContact('W7'),
      extension('W7', '2025-02-01 09:00:00'), extension('W7', '2025-02-10 09:00:00'), extension('W7', '2025-02-20 09:00:00'),
      // W8: 6m, four extension requests → fourth_extension (not third_extension); contacted in March.
      ...signed('W8', '2025-01-10 09:00:00', '6m'), marchContact('W8'),
      extension('W8', '2025-02-01 09:00:00'), extension('W8', '2025-02-10 09:00:00'),
      extension('W8', '2025-02-20 09:00:00'), extension('W8', '2025-03-01 09:00:00'),
      // W9: current_month due 31 Jan, resolved 5 Feb → resolved, no warning despite the past due date.
      ...signed('W9', '2025-01-10 09:00:00', 'current_month'), ev('W9', 'resolve', '2025-02-05 09:00:00', 'U1'),
      // W10: current_month due 28 Feb, approved extension to 18 Mar → working due 18 Mar → due_soon, not overdue.
      ...signed('W10', '2025-02-20 09:00:00', 'current_month'),
      ev('W10', 'extension', '2025-02-25 09:00:00', 'U1', { new_due: '2025-03-18', approved: true, decided_at: '2025-02-26 09:00:00' }),
    ];
    const ids = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8', 'W9', 'W10'];
    const { db } = await seedAndBuild({ units, cases: ids.map((id) => unsatisfiedCase(id)), events }, '2025-03-14');
    const rows = await query<{ warning: string; case_id: string; due_date: string }>(
      db,
      `select warning, case_id, due_date from mart_early_warnings order by warning, case_id`,
    );
    expect(rows).toEqual([
      { warning: 'contact_due', case_id: 'W3', due_date: '2025-03-31' },
      { warning: 'due_soon', case_id: 'W10', due_date: '2025-03-18' },
      { warning: 'due_soon', case_id: 'W4', due_date: '2025-03-14' },
      { warning: 'fourth_extension', case_id: 'W8', due_date: '2025-09-30' },
      { warning: 'overdue', case_id: 'W6', due_date: '2025-02-28' },
      { warning: 'third_extension', case_id: 'W7', due_date: '2025-09-30' },
      { warning: 'unsigned_overdue', case_id: 'W1', due_date: '2025-03-12' },
    ]);
    const [detail] = await query<{ detail: string }>(db, `select detail from mart_early_warnings where case_id = 'W6'`);
    expect(detail.detail).toBe('2025-02-28 已到期，超期 14 天仍未解决');
  });
});
