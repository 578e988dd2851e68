// Personal data masking (SPEC §1: analysts see no personal data). Applied in the query layer to
// every value that leaves it, until access control lets an auditor see the phone number.

const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** "13812341234" → "138****1234"; other numbers keep only their last 4 digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  return digits.length > 4 ? `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}` : '****';
}

/** "张三" → "张*", "欧阳娜娜" → "欧***": the family name's first character stays. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** "中山路123号4栋502室" → "中山路***": everything from the first digit on (door, building, room) is hidden. */
export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const cut = address.search(/[0-9０-９]/);
  return cut < 0 ? address : `${address.slice(0, cut)}***`;
}

/** Mobile numbers written inside free text (content, replies, notes). */
export function maskText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return text.replace(MOBILE, '$1****$2');
}
