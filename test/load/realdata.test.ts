// The real message-board export (2020 泰迪杯 C 题附件4, see its SOURCE.md) loads as cases through
// data/mappings/teddycup-replies.json. Reads ../shared; skipped when that folder is absent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPaths } from '../../pipeline/load/index.ts';
import { query, rejects, tempDir } from './helpers.ts';

const FILE = new URL('../../../shared/realdata/teddycup2020c/fujian4_messages_replies.xlsx', import.meta.url).pathname;
const MAP = new URL('../../data/mappings/teddycup-replies.json', import.meta.url).pathname;

describe.skipIf(!existsSync(FILE))('real data: teddycup fujian4 (2,816 messages with replies)', () => {
  it('loads every row as a case, with text and serial dates parsed and padding trimmed', async () => {
    const db = join(tempDir(), 'w.duckdb');
    const t0 = performance.now();
    const report = await loadPaths(db, [FILE], { map: MAP });
    console.log(`teddycup fujian4: ${((performance.now() - t0) / 1000).toFixed(2)} s`, JSON.stringify(report.files[0]));
    // Figures from SOURCE.md: 2,816 rows, 2,816 distinct ids, 2,559 distinct users,
    // 留言时间 2011-04 … 2020-01-08, 答复时间 2011-11 … 2020-01-09.
    expect(report.files[0]).toMatchObject({ kind: 'cases', format: 'xlsx', rows_read: 2816, rows_loaded: 2816, rows_rejected: 0 });
    expect(await rejects(db)).toEqual([]);
    const [s] = await query<Record<string, unknown>>(db, `select count(*) as n, count(distinct case_id) as ids, count(distinct caller_id) as users,
      strftime(min(received_at), '%Y-%m') as r0, cast(max(received_at) as date)::varchar as r1,
      strftime(min(closed_at), '%Y-%m') as c0, cast(max(closed_at) as date)::varchar as c1,
      count(*) filter (where content is null or first_reply is null) as empty_text,
      count(*) filter (where regexp_matches(content, '^\\s|\\s$') or regexp_matches(first_reply, '^\\s|\\s$')) as padded,
      count(*) filter (where contains(content || first_reply, chr(65533))) as broken_chars,
      count(*) filter (where channel <> 'web') as not_web from raw_cases`);
    expect(s).toEqual({ n: 2816, ids: 2816, users: 2559, r0: '2011-04', r1: '2020-01-08', c0: '2011-11', c1: '2020-01-09', empty_text: 0, padded: 0, broken_chars: 0, not_web: 0 });
    // Sheet row 7 holds its 留言时间 as an Excel serial date; row 1141 a date-only 答复时间 "2018/4/24".
    expect(await query(db, "select _line, cast(received_at as varchar) as r, cast(closed_at as varchar) as c from raw_cases where _line in (7, 1141) order by _line")).toEqual([
      { _line: 7, r: '2019-04-08 08:37:20', c: expect.any(String) },
      { _line: 1141, r: expect.any(String), c: '2018-04-24 00:00:00' },
    ]);
    // content = 留言主题 + line break + 留言详情 (its leading "\n\t\t\t…" stripped).
    const [first] = await query<{ content: string }>(db, "select content from raw_cases where _line = 2");
    expect(first.content.startsWith('A2区景蓉华苑物业管理有问题\n2019年4月以来')).toBe(true);
  });
});
