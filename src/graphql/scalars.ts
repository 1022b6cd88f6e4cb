import { GraphQLScalarType, Kind } from 'graphql';
import { isLocalDate } from '../domain/shared/dates';

function parseLocalDate(value: unknown): string {
  if (typeof value !== 'string' || !isLocalDate(value)) throw new TypeError('LocalDate must be a calendar date written YYYY-MM-DD');
  return value;
}

/** A UK calendar date (Europe/London), `YYYY-MM-DD`; a deadline on D runs to 23:59:59.999 London time on D. */
export const LocalDateScalar = new GraphQLScalarType({
  name: 'LocalDate',
  description: 'A UK (Europe/London) calendar date, YYYY-MM-DD. A deadline on a date runs until 23:59:59.999 London time that day.',
  serialize: (value) => parseLocalDate(value),
  parseValue: (value) => parseLocalDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('LocalDate must be a string YYYY-MM-DD');
    return parseLocalDate(ast.value);
  },
});
