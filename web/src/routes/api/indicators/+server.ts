// GET /api/indicators?month=YYYY-MM&by=unit|district|unit_type|city — exactly the JSON of
// `rehandle indicators --json` (same function, same arguments).
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getReader } from '$lib/server/reader.ts';
import { indicators, SCOPES, type Scope } from '../../../../../pipeline/query/indicators.ts';
import { UserError } from '../../../../../pipeline/errors.ts';

export const GET: RequestHandler = async ({ url }) => {
  const by = url.searchParams.get('by') ?? 'unit';
  const month = url.searchParams.get('month') ?? undefined;
  if (!SCOPES.includes(by as Scope)) return json({ error: `by 只能是 ${SCOPES.join('|')} / unknown by: ${by}` }, { status: 400 });
  try {
    return json(await indicators(getReader(), { month, by: by as Scope }));
  } catch (e) {
    if (e instanceof UserError) return json({ error: e.message }, { status: 400 });
    throw e;
  }
};
