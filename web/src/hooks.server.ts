// A missing or unbuilt database is the user's problem to fix, not a crash: show its message.
import type { HandleServerError } from '@sveltejs/kit';
import { UserError } from '../../pipeline/errors.ts';

export const handleError: HandleServerError = ({ error, status }) => {
  if (error instanceof UserError) return { message: error.message };
  if (status === 404) return { message: '页面不存在 / not found' };
  console.error(error);
  const msg = error instanceof Error ? error.message : String(error);
  return { message: /build_info|mart_/.test(msg) ? `数据尚未构建，请先运行 "rehandle build" / ${msg}` : '服务器内部错误 / internal error' };
};
