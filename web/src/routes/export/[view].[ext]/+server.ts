// GET /export/<view>.csv|xlsx?<the view's URL filters> — the rows of a table, all pages.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getReader } from '$lib/server/reader.ts';
import { VIEWS } from '$lib/server/views.ts';
import { contentDisposition, exportFileName, toCsv, toXlsx } from '$lib/server/export.ts';

export const GET: RequestHandler = async ({ params, url }) => {
  const view = Object.hasOwn(VIEWS, params.view) ? VIEWS[params.view] : undefined;
  if (!view) error(404, `没有这个表 / no such table: ${params.view}`);
  if (params.ext !== 'csv' && params.ext !== 'xlsx') error(404, `只支持 csv 和 xlsx / use .csv or .xlsx`);
  const { rows } = await view.fetch(getReader(), url.searchParams, { pageSize: 0 });
  const name = exportFileName(view.title, params.ext);
  const headers = { 'content-disposition': contentDisposition(name), 'cache-control': 'no-store' };
  if (params.ext === 'csv') {
    return new Response(toCsv(view.columns, rows), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
  }
  const body = await toXlsx(view.title, view.columns, rows);
  return new Response(body as BodyInit, { headers: { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
};
