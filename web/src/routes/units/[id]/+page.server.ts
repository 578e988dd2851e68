import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { currentBuildInfo, getReader } from '$lib/server/reader.ts';
import { CASE_SCREEN_COLUMNS, VIEWS } from '$lib/server/views.ts';
import { decode, UNIT } from '$lib/urlstate.ts';
import { unit } from '../../../../../pipeline/query/units.ts';
import type { Page } from '../../../../../pipeline/query/paging.ts';
import type { WarningRow } from '../../../../../pipeline/query/warnings.ts';
import { scopeTrend } from '../../../../../pipeline/query/overview.ts';

export const load: PageServerLoad = async ({ params, url }) => {
  const reader = getReader();
  const u = await unit(reader, params.id);
  if (!u) error(404, `没有这个单位 / no such unit: ${params.id}`);
  const state = decode(UNIT, url.searchParams);
  const info = await currentBuildInfo();
  const latest = info.months.at(-1) ?? info.asOfMonth; // the series runs up to the (partial) as-of month
  const query = new URLSearchParams(url.searchParams);
  query.set('u', params.id);
  return {
    unit: u,
    state,
    series: await scopeTrend(reader, 'unit', params.id, latest, 24),
    // the unit's warnings: the 预警清单 view filtered to the unit (its export holds them all)
    warnings: (await VIEWS.warnings.fetch(reader, new URLSearchParams({ u: params.id }), { pageSize: 20 })) as unknown as Page<WarningRow>,
    cases: await VIEWS.cases.fetch(reader, query, { page: state.p }),
    caseColumns: VIEWS.cases.columns.filter((c) => CASE_SCREEN_COLUMNS.includes(c.key)),
  };
};
