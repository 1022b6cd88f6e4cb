import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, unavailableReason } from '../../src/db/database-errors';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable (issue 8: which errors become UNAVAILABLE)', () => {
  it.each([
    ['a statement timeout (57014)', pgError('57014', 'canceling statement due to statement timeout')],
    ['an administrator shutdown (57P01)', pgError('57P01')],
    ['a server that cannot accept connections now (57P03)', pgError('57P03')],
    ['a connection exception (08006)', pgError('08006')],
    ['a connection failure (08001)', pgError('08001')],
    ['too many connections (53300)', pgError('53300')],
    ['an idle-in-transaction timeout (25P03)', pgError('25P03')],
    ['a refused socket', pgError('ECONNREFUSED')],
    ['a reset socket', pgError('ECONNRESET')],
    ['the pool acquire timeout', new Error('timeout exceeded when trying to connect')],
    ['a connection timeout', new Error('Connection terminated due to connection timeout')],
    ['a connection ended mid-query', new Error('Connection terminated unexpectedly')],
    ['a client-side read timeout on a frozen server', new Error('Query read timeout')],
    ['a TypeORM QueryFailedError wrapping 57014', new QueryFailedError('SELECT 1', [], pgError('57014'))],
    ['a bare socket error object wrapped by graphql-js', { name: 'NonErrorThrown', thrownValue: { errno: -111, code: 'ECONNREFUSED' } }],
  ])('recognises %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505, CONFLICT)', pgError('23505')],
    ['a lock timeout (55P03, CONFLICT)', pgError('55P03')],
    ['a serialization failure (40001, CONFLICT)', pgError('40001')],
    ['a syntax error (42601, a bug)', pgError('42601')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['a QueryFailedError wrapping a check violation', new QueryFailedError('INSERT', [], pgError('23514', 'connection terminated'))],
    ['nothing', undefined],
  ])('does not take %s for an outage', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('names the reason by code, never by a message that could quote data', () => {
    expect(unavailableReason(pgError('57014', 'canceling statement due to statement timeout'))).toBe('57014');
    expect(unavailableReason(new QueryFailedError('SELECT', [], pgError('08006')))).toBe('08006');
    expect(unavailableReason(new Error('secret@example.org'))).toBe('unknown');
  });
});
