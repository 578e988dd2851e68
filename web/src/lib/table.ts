// Table columns and cell display, shared by the server (views, exports) and the page components.
import { formatDateTime, formatRate, label, LABELS } from '../../../pipeline/format.ts';

export interface Column { key: string; label: string; kind?: 'rate' | 'count' | 'text' | 'code' | 'codes' | 'datetime' | 'excerpt'; code?: keyof typeof LABELS }

/** A cell as displayed on the page (rates as percentages, codes as Chinese labels). */
export function displayCell(col: Column, v: unknown): string {
  if (col.kind === 'rate') return formatRate(v as number | null);
  if (col.kind === 'code' && col.code) return label(col.code, v as string | null);
  if (col.kind === 'codes' && col.code) return codes(col.code, v);
  if (col.kind === 'datetime') return formatDateTime(v as string | null);
  if (v === null || v === undefined || v === '') return '—';
  if (col.kind === 'count' && typeof v === 'number') return v.toLocaleString('en-US');
  return String(v);
}

/** A cell as exported: numbers stay numbers (rates unrounded), codes become Chinese labels. */
export function exportCell(col: Column, v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (col.kind === 'code' && col.code) return label(col.code, v as string);
  if (col.kind === 'codes' && col.code) return codes(col.code, v);
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
}

/** A comma-joined list of codes ("a,b") as Chinese labels ("甲、乙"). */
function codes(kind: keyof typeof LABELS, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  return String(v).split(',').map((c) => label(kind, c)).join('、');
}
