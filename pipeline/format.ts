// The one place for display formatting (CLI tables and web pages). Dates arrive as zoneless
// 'YYYY-MM-DD' strings and are never converted.

/** A rate in [0,1] as a percentage with one decimal; null (denominator 0) as "—". */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined || Number.isNaN(rate) ? '—' : `${(rate * 100).toFixed(1)}%`;
}
