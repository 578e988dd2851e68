// Table columns and cell display, shared by the server (views, exports) and the page components.
import { formatRate, label, LABELS } from '../../../pipeline/format.ts';

export interface Column { key: string; label: string; kind?: 'rate' | 'count' | 'text' | 'code'; code?: keyof typeof LABELS }

/** A cell as displayed on the page (rates as percentages, codes as Chinese labels). */
export function displayCell(col: Column, v: unknown): string {
  if (col.kind === 'rate') return formatRate(v as number | null);
  if (col.kind === 'code' && col.code) return label(col.code, v as string | null);
  if (v === null || v === undefined || v === '') return '—';
  if (col.kind === 'count' && typeof v === 'number') return v.toLocaleString('en-US');
  return String(v);
}

/** A cell as exported: numbers stay numbers (rates unrounded), codes become Chinese labels. */
export function exportCell(col: Column, v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (col.kind === 'code' && col.code) return label(col.code, v as string);
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
}
