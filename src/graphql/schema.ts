import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
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

let cached: Promise<GraphQLSchema> | undefined;

/** The schema is built once per process; it holds no per-request state. */
export function getSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers,
    orphanedTypes: [...errorContractTypes],
    validate: { forbidUnknownValues: false, whitelist: false },
    scalarsMap: [{ type: Date, scalar: BoundedDateTimeISO }],
  }).then(applyContract);
  return cached;
}

/** The SDL checked in at schema/schema.graphql. */
export async function printSdl(): Promise<string> {
  return printSchema(lexicographicSortSchema(await getSchema())) + '\n';
}
