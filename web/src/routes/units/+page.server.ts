import type { PageServerLoad } from './$types';
import { getReader } from '$lib/server/reader.ts';
import { monthOrDefault, VIEWS } from '$lib/server/views.ts';
import { decode, UNITS } from '$lib/urlstate.ts';
import { districts, unitIndicators } from '../../../../pipeline/query/units.ts';

export const load: PageServerLoad = async ({ url }) => {
  const reader = getReader();
  const state = decode(UNITS, url.searchParams);
  const month = await monthOrDefault(state.m);
  const table = await VIEWS.units.fetch(reader, url.searchParams, { page: state.p });
  // The funnel needs every unit of the month (the city rate), whatever the filters show.
  const all = await unitIndicators(reader, { month }, { pageSize: 0 });
  const shown = state.d || state.t
    ? all.rows.filter((r) => (!state.d || r.district === state.d) && (!state.t || r.unit_type === state.t)).map((r) => r.unit_id)
    : null;
  return { state, month, table, all: all.rows, shown, districts: await districts(reader) };
};
