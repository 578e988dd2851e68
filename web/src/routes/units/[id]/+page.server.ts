import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getReader } from '$lib/server/reader.ts';
import { monthOrLatest, VIEWS } from '$lib/server/views.ts';
import { decode, UNIT } from '$lib/urlstate.ts';
import { unit } from '../../../../../pipeline/query/units.ts';
import { scopeTrend } from '../../../../../pipeline/query/overview.ts';
import { warnings } from '../../../../../pipeline/query/warnings.ts';

export const load: PageServerLoad = async ({ params, url }) => {
  const reader = getReader();
  const u = await unit(reader, params.id);
  if (!u) error(404, `没有这个单位 / no such unit: ${params.id}`);
  const state = decode(UNIT, url.searchParams);
  const latest = await monthOrLatest(reader, '');
  const query = new URLSearchParams(url.searchParams);
  query.set('u', params.id);
  return {
    unit: u,
    state,
    series: await scopeTrend(reader, 'unit', params.id, latest, 24),
    warnings: await warnings(reader, { unitId: params.id }, { pageSize: 20 }),
    cases: await VIEWS.cases.fetch(reader, query, { page: state.p }),
    caseColumns: VIEWS.cases.columns.filter((c) => c.key !== 'unit_id'),
  };
};
