import type { PageServerLoad } from './$types';
import { getReader } from '$lib/server/reader.ts';
import { VIEWS } from '$lib/server/views.ts';
import { decode, WARNING_LIST } from '$lib/urlstate.ts';
import type { WarningsByUnit } from '../../../../pipeline/query/warnings.ts';

export const load: PageServerLoad = async ({ url }) => {
  const reader = getReader();
  const state = decode(WARNING_LIST, url.searchParams);
  return {
    state,
    byUnit: (await VIEWS.warnedUnits.fetch(reader, url.searchParams, { pageSize: 30 })) as unknown as { rows: WarningsByUnit[]; total: number },
    list: await VIEWS.warnings.fetch(reader, url.searchParams, { page: state.p }),
    columns: VIEWS.warnings.columns,
  };
};
