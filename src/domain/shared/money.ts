/** Money is integer pence, GBP. */
export type Pence = number;

export function assertPence(value: number, field = 'amountPence'): Pence {
  if (!Number.isSafeInteger(value)) throw new TypeError(`${field} must be a whole number of pence`);
  return value;
}

export function formatPounds(pence: Pence): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}£${Math.floor(abs / 100).toLocaleString('en-GB')}.${String(abs % 100).padStart(2, '0')}`;
}
