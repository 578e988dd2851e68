import type { PageServerLoad } from './$types';
import { currentBuildInfo, getReader } from '$lib/server/reader.ts';
import { VIEWS } from '$lib/server/views.ts';
import { decode, OVERVIEW } from '$lib/urlstate.ts';
import { caseMix, cityTrend, flagCounts, warningCounts } from '../../../pipeline/query/overview.ts';
import { previousMonth } from '../../../pipeline/format.ts';
import { warningsByUnit } from '../../../pipeline/query/warnings.ts';

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
    warnings: await warningCounts(reader),
    warnedUnits: (await warningsByUnit(reader, {})).slice(0, 8),
    cityColumns: VIEWS.city.columns,
  };
};
