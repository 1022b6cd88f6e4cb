import { GraphQLScalarType, Kind } from 'graphql';
import { isLocalDate } from '../domain/shared/dates';
import { dateInRange, MAX_DATE, MIN_DATE } from './contract';

function checkLocalDate(value: unknown): string {
  if (typeof value !== 'string' || !isLocalDate(value)) throw new TypeError('LocalDate must be a calendar date written YYYY-MM-DD');
  return value;
}

/** Inputs are bounded to MIN_DATE..MAX_DATE, so a far-off date never reaches date arithmetic or the database. */
function parseLocalDate(value: unknown): string {
  const date = checkLocalDate(value);
  if (!dateInRange(date)) throw new TypeError(`LocalDate must be between ${MIN_DATE} and ${MAX_DATE}`);
  return date;
}

/** A UK calendar date (Europe/London), `YYYY-MM-DD`; a deadline on D runs to 23:59:59.999 London time on D. */
export const LocalDateScalar = new GraphQLScalarType({
  name: 'LocalDate',
  description: `A UK (Europe/London) calendar date, YYYY-MM-DD. A deadline on a date runs until 23:59:59.999 London time that day. Inputs must lie between ${MIN_DATE} and ${MAX_DATE}.`,
  serialize: (value) => checkLocalDate(value),
  parseValue: (value) => parseLocalDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('LocalDate must be a string YYYY-MM-DD');
    return parseLocalDate(ast.value);
  },
});
