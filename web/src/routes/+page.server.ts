import type { PageServerLoad } from './$types';
import { currentBuildInfo, getReader } from '$lib/server/reader.ts';
import { VIEWS } from '$lib/server/views.ts';
import { decode, OVERVIEW } from '$lib/urlstate.ts';
import { caseMix, cityTrend, flagCounts, type Mix } from '../../../pipeline/query/overview.ts';
import type { WarningsByUnit } from '../../../pipeline/query/warnings.ts';
import { previousMonth } from '../../../pipeline/format.ts';

export const load: PageServerLoad = async ({ url }) => {
  const reader = getReader();
  const state = decode(OVERVIEW, url.searchParams);
  const info = await currentBuildInfo();
  const month = state.m || info.defaultMonth;
  const trend = await cityTrend(reader, month, 12);
  return {
    state,
    month,
    trend,
    current: trend.find((t) => t.month === month) ?? null,
    previous: trend.find((t) => t.month === previousMonth(month)) ?? null,
    mix: await caseMix(reader, month),
    flags: await flagCounts(reader, month),
    // the tables through their views, so their exports hold the same rows (all units, not only the top 8)
    warnings: (await VIEWS.warningCounts.fetch(reader, new URLSearchParams(), { pageSize: 0 })).rows as unknown as Mix[],
    warnedUnits: (await VIEWS.warnedUnits.fetch(reader, new URLSearchParams(), { pageSize: 8 })).rows as unknown as WarningsByUnit[],
    cityColumns: VIEWS.city.columns,
  };
};
