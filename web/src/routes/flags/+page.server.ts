import type { PageServerLoad } from './$types';
import { getReader } from '$lib/server/reader.ts';
import { FLAG_SCREEN_COLUMNS, monthOrDefault, VIEWS } from '$lib/server/views.ts';
import { decode, FLAG_LIST } from '$lib/urlstate.ts';
import { districts } from '../../../../pipeline/query/units.ts';

export const load: PageServerLoad = async ({ url }) => {
  const reader = getReader();
  const state = decode(FLAG_LIST, url.searchParams);
  return {
    state,
    month: await monthOrDefault(state.m),
    districts: await districts(reader),
    list: await VIEWS.flags.fetch(reader, url.searchParams, { page: state.p }),
    columns: VIEWS.flags.columns.filter((c) => FLAG_SCREEN_COLUMNS.includes(c.key)),
  };
};
