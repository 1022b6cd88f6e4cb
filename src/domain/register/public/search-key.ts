/**
 * The register's search key (mirrors the SQL function register_search_key; test/api/register-search.test.ts checks
 * they agree): accents removed, lower case, only [a-z0-9] kept. "Zoë" -> "zoe", "O'Connor" -> "oconnor".
 */
const SPECIAL: Record<string, string> = { Ø: 'O', ø: 'o', Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ð: 'D', ð: 'd', Ħ: 'H', ħ: 'h', ı: 'i', ß: 'ss', Æ: 'ae', æ: 'ae', Œ: 'oe', œ: 'oe', Þ: 'th', þ: 'th' };
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'g');

export function searchKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(SPECIAL_RE, (c) => SPECIAL[c])
    .replace(/[A-Z]/g, (c) => c.toLowerCase())
    .replace(/[^a-z0-9]/g, '');
}
