import type { PageServerLoad } from './$types';
import { getReader } from '$lib/server/reader.ts';
import { VIEWS } from '$lib/server/views.ts';
import { decode, WARNING_LIST } from '$lib/urlstate.ts';
import { warningsByUnit } from '../../../../pipeline/query/warnings.ts';

export const load: PageServerLoad = async ({ url }) => {
  const reader = getReader();
  const state = decode(WARNING_LIST, url.searchParams);
  return {
    state,
    byUnit: await warningsByUnit(reader, { warning: state.w }),
    list: await VIEWS.warnings.fetch(reader, url.searchParams, { page: state.p }),
    columns: VIEWS.warnings.columns,
  };
};
