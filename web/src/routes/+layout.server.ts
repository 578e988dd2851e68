import type { LayoutServerLoad } from './$types';
import { currentBuildInfo } from '$lib/server/reader.ts';

export const load: LayoutServerLoad = async () => ({ info: await currentBuildInfo() });
