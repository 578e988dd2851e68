import type { PageServerLoad } from './$types';
import { getReader } from '$lib/server/reader.ts';
import { VIEWS } from '$lib/server/views.ts';
import { DATA, decode } from '$lib/urlstate.ts';
import { buildRecord, dataTests } from '../../../../pipeline/query/datahealth.ts';

export const load: PageServerLoad = async ({ url }) => {
  const reader = getReader();
  const state = decode(DATA, url.searchParams);
  return {
    state,
    build: await buildRecord(reader),
    tests: await dataTests(reader),
    loads: await VIEWS.loads.fetch(reader, url.searchParams, { pageSize: 100 }),
    loadColumns: VIEWS.loads.columns,
    rejects: await VIEWS.rejects.fetch(reader, url.searchParams, { page: state.p }),
    rejectColumns: VIEWS.rejects.columns,
  };
};
