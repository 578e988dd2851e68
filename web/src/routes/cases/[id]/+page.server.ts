import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getReader } from '$lib/server/reader.ts';
import { VIEWS } from '$lib/server/views.ts';
import { caseDetail } from '../../../../../pipeline/query/cases.ts';

export const load: PageServerLoad = async ({ params }) => {
  const detail = await caseDetail(getReader(), params.id);
  if (!detail) error(404, `没有这个工单 / no such case: ${params.id}`);
  return { id: params.id, detail, findingColumns: VIEWS.findings.columns.filter((c) => c.key !== 'case_id') };
};
