import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { getMetadataStorage, validateOrReject, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, buildSchema } from 'type-graphql';
import './types/enums';
import { applyContract, BoundedDateTimeISO } from './contract';
import { CodeOfPracticeResolver } from './resolvers/code-of-practice.resolver';
import { MemberResolver } from './resolvers/member.resolver';
import { MembershipApplicationResolver } from './resolvers/membership-application.resolver';
import { SystemResolver } from './resolvers/system.resolver';
import { applicationResolvers } from './resolvers/ats-applications';
import { paymentResolvers } from './resolvers/payments';
import { programmeResolvers } from './resolvers/programme';
import { errorContractTypes } from './types/errors.types';
import { atsResultsResolvers } from './resolvers/ats-results';
import { registerResolvers } from './resolvers/register/register.resolver';
import { conductResolvers } from './resolvers/conduct';
import './types/conduct.types';

export const resolvers = [
  MemberResolver,
  MembershipApplicationResolver,
  CodeOfPracticeResolver,
  SystemResolver,
  ...applicationResolvers,
  ...paymentResolvers,
  ...programmeResolvers,
  ...atsResultsResolvers,
  ...registerResolvers,
  ...conductResolvers,
] as [Function, ...Function[]];

// What type-graphql's own validation passes to class-validator with `validate: { forbidUnknownValues: false, whitelist: false }`.
const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, whitelist: false, skipMissingProperties: true };

/**
 * class-validator on every object argument, as type-graphql's built-in validation does it (same options, same
 * ArgumentValidationError), but with class-validator imported once: the built-in one `require`s it on every argument
 * of every call, a module lookup that costs more than the validation of a small input (issue 10, register speed).
 */
export function validateArgument(value: unknown): Promise<void> | undefined {
  const objects = (Array.isArray(value) ? value : [value]).filter((v): v is object => v !== null && typeof v === 'object' && hasValidationRules(v.constructor));
  if (objects.length === 0) return undefined;
  return Promise.all(objects.map((v) => validateOrReject(v, VALIDATOR_OPTIONS))).then(
    () => undefined,
    (errors: unknown) => {
      throw new ArgumentValidationError(errors as ConstructorParameters<typeof ArgumentValidationError>[0]);
    },
  );
}

const rulesOf = new Map<Function, boolean>();

/**
 * Whether class-validator has any rule for a class (or its parents). Without one, and with `forbidUnknownValues`
 * off, validation can never fail, and class-validator would still scan every rule of every class to find that out.
 * Decorators run when their modules load, all before the schema is built, so the answer never changes.
 */
function hasValidationRules(target: Function): boolean {
  let known = rulesOf.get(target);
  if (known === undefined) {
    known = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false).length > 0;
    rulesOf.set(target, known);
  }
  return known;
}

let cached: Promise<GraphQLSchema> | undefined;

/** The schema is built once per process; it holds no per-request state. */
export function getSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers,
    orphanedTypes: [...errorContractTypes],
    validateFn: validateArgument,
    scalarsMap: [{ type: Date, scalar: BoundedDateTimeISO }],
  }).then(applyContract);
  return cached;
}

/** The SDL checked in at schema/schema.graphql. */
export async function printSdl(): Promise<string> {
  return printSchema(lexicographicSortSchema(await getSchema())) + '\n';
}
