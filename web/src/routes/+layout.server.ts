import type { LayoutServerLoad } from './$types';
import { getReader } from '$lib/server/reader.ts';
import { buildInfo } from '../../../pipeline/query/overview.ts';

export const load: LayoutServerLoad = async () => ({ info: await buildInfo(getReader()) });
