import { getMetadataStorage as validationMetadata, validateSync } from 'class-validator';
import {
  defaultFieldResolver,
  getNamedType,
  GraphQLError,
  GraphQLScalarType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { getMetadataStorage } from 'type-graphql';
import { hasAnyRole } from '../domain/shared/viewer';
import { ACCESS_EXTENSION, type AccessRule } from './access';
import type { Context } from './context';

/**
 * The API's input contract, applied to the built schema once, for every operation (including ones added later):
 *  - every `ID` argument or input field must be a UUID (all ids in this API are);
 *  - every `String` argument or input field is refused when it holds NUL or an unpaired surrogate, or is longer than
 *    MAX_STRING_LENGTH (fields with their own `@MaxLength`/`@Length` are bounded tighter by class-validator);
 * each refusal is BAD_USER_INPUT naming the field (`input.evidenceNotes`, `ids[2]`), before the resolver runs.
 * It also makes the SDL self-describing: each root operation's description ends with its access rule (from
 * `@Allow`/`@Public`), and each argument/input field with a constraint states it.
 */
export const MAX_STRING_LENGTH = 10_000;
export const ACCESS_PREFIX = 'Access: ';
export const CONSTRAINTS_PREFIX = 'Constraints: ';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string may not be accepted, or null when it may. */
export function stringProblem(value: string, max = MAX_STRING_LENGTH): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (it holds an unpaired surrogate)';
  if (value.length > max) return `must be at most ${max} characters`;
  return null;
}

export interface InputProblem {
  field: string;
  message: string;
}

function checkValue(value: unknown, type: GraphQLInputType, field: string, problems: InputProblem[]): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(value, type.ofType, field, problems);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((item, i) => checkValue(item, type.ofType, `${field}[${i}]`, problems));
    else checkValue(value, type.ofType, field, problems);
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return;
    for (const inner of Object.values(type.getFields())) {
      checkValue((value as Record<string, unknown>)[inner.name], inner.type, field ? `${field}.${inner.name}` : inner.name, problems);
    }
    return;
  }
  if (isScalarType(type)) {
    if (type.name === 'ID') {
      if (typeof value !== 'string' || !UUID.test(value)) problems.push({ field, message: `${field} must be an id (a UUID such as 3f2b1c9e-0d4a-4c1b-9a51-2f6e8d7c5b10)` });
    } else if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) problems.push({ field, message: `${field} ${problem}` });
    }
  }
}

/**
 * Every problem with the arguments of a field call. Fields are named as class-validator names them: inside an input
 * object argument relative to it (`email`, `qualificationIds[1]`), otherwise by the argument's name (`id`).
 */
export function argumentProblems(args: readonly GraphQLArgument[], values: Record<string, unknown>): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const arg of args) {
    const named = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
    checkValue(values[arg.name], arg.type, isInputObjectType(named) ? '' : arg.name, problems);
  }
  return problems;
}

/** class-validator's own findings on input-object arguments, so one answer lists every bad field together. */
function validatorProblems(args: readonly GraphQLArgument[], values: Record<string, unknown>, classOf: Map<string, Function>): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const arg of args) {
    const named = getNamedType(arg.type);
    const target = classOf.get(named.name);
    const value = values[arg.name];
    if (!target || !isInputObjectType(named) || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const instance = Object.assign(Object.create(target.prototype as object) as object, value);
    let errors: ReturnType<typeof validateSync>;
    try {
      errors = validateSync(instance, { forbidUnknownValues: false });
    } catch {
      // A validator can throw on input the contract has already refused (validator's isEmail calls encodeURI, which
      // throws URIError on an unpaired surrogate): the contract's own findings are the answer then.
      continue;
    }
    for (const error of errors) {
      for (const message of Object.values(error.constraints ?? {})) problems.push({ field: error.property, message });
    }
  }
  return problems;
}

/** Throws BAD_USER_INPUT listing every bad field (first one in `extensions.field`), before the resolver runs. */
export function checkArguments(args: readonly GraphQLArgument[], values: Record<string, unknown>, classOf: Map<string, Function> = new Map()): void {
  const problems = argumentProblems(args, values);
  if (problems.length === 0) return;
  const seen = new Set(problems.map((p) => p.field));
  const all = problems.concat(validatorProblems(args, values, classOf).filter((p) => !seen.has(p.field)));
  // The error formatter turns `validationErrors` into BAD_USER_INPUT with `field` and `violations`, like class-validator's.
  throw new GraphQLError('Argument Validation Error', {
    extensions: { code: 'BAD_USER_INPUT', validationErrors: all.map((p) => ({ property: p.field, constraints: { contract: p.message }, children: [] })) },
  });
}

function mayPassGuard(rule: AccessRule | undefined, context: unknown): boolean {
  if (!rule || 'public' in rule) return true;
  const viewer = (context as Partial<Context> | undefined)?.viewer;
  return Boolean(viewer && viewer.roles.length > 0 && hasAnyRole(viewer, rule.roles));
}

function inputClasses(): Map<string, Function> {
  const classOf = new Map<string, Function>();
  for (const input of getMetadataStorage().inputTypes) classOf.set(input.name, input.target);
  return classOf;
}

function wrapResolvers(schema: GraphQLSchema): void {
  const classOf = inputClasses();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (field.args.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const args = field.args;
      const rule = field.extensions?.[ACCESS_EXTENSION] as AccessRule | undefined;
      field.resolve = (source, values, context, info) => {
        // Who you are comes before what you sent: a caller the operation's role guard refuses gets that refusal
        // (UNAUTHENTICATED / FORBIDDEN, from the resolver's own guard), not an input error.
        if (!mayPassGuard(rule, context)) return resolve(source, values, context, info);
        checkArguments(args, values, classOf);
        return resolve(source, values, context, info);
      };
    }
  }
}

function appendParagraph(description: string | null | undefined, paragraph: string): string {
  return description ? `${description}\n\n${paragraph}` : paragraph;
}

/** "Access: public" or "Access: MEMBER, ADMIN", from the operation's `@Allow`/`@Public` metadata. */
export function accessLine(rule: AccessRule): string {
  return `${ACCESS_PREFIX}${'public' in rule ? 'public (no token needed)' : rule.roles.join(', ')}.`;
}

function describeAccess(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query && !query.description) query.description = 'Every read operation. Each one ends its description with who may call it (Access: ...).';
  if (mutation && !mutation.description) mutation.description = 'Every change. Each one runs in one transaction and ends its description with who may call it (Access: ...).';
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const rule = field.extensions?.[ACCESS_EXTENSION] as AccessRule | undefined;
      if (rule) field.description = appendParagraph(field.description, accessLine(rule));
    }
  }
}

interface ConstraintMeta {
  name?: string;
  constraints?: unknown[];
  propertyName: string;
}

/** The class-validator constraints of a property, in words ("1..40 characters", "a UUID", "at least 1"). */
function validatorWords(target: Function, property: string): string[] {
  const metas = (validationMetadata().getTargetValidationMetadatas(target, '', true, false) as ConstraintMeta[]).filter((m) => m.propertyName === property);
  const words: string[] = [];
  for (const m of metas) {
    const c = m.constraints ?? [];
    switch (m.name) {
      case 'isLength':
        words.push(c[1] !== undefined ? `${c[0]}..${c[1]} characters` : `at least ${c[0]} characters`);
        break;
      case 'maxLength':
        words.push(`at most ${c[0]} characters`);
        break;
      case 'minLength':
        words.push(`at least ${c[0]} characters`);
        break;
      case 'min':
        words.push(`at least ${c[0]}`);
        break;
      case 'max':
        words.push(`at most ${c[0]}`);
        break;
      case 'isEmail':
        words.push('an email address');
        break;
      case 'isPositive':
        words.push('greater than 0');
        break;
      case 'arrayMinSize':
        words.push(`at least ${c[0]} items`);
        break;
      case 'arrayMaxSize':
        words.push(`at most ${c[0]} items`);
        break;
      case 'matches':
        words.push(`matching ${String(c[0])}`);
        break;
      default:
        break;
    }
  }
  return words;
}

function typeWords(type: GraphQLInputType, hasLengthRule: boolean): string[] {
  const named = getNamedType(type);
  const list = isListType(isNonNullType(type) ? type.ofType : type);
  const each = list ? 'each ' : '';
  if (named.name === 'ID') return [`${each}a UUID`];
  if (named.name === 'String' && !hasLengthRule) return [`${each}at most ${MAX_STRING_LENGTH} characters`];
  if (named.name === 'LocalDate') return [`${each}YYYY-MM-DD between ${MIN_DATE} and ${MAX_DATE}`];
  if (named.name === 'DateTimeISO') return [`${each}an ISO 8601 date-time between ${MIN_DATE} and ${MAX_DATE}`];
  return [];
}

function describeInputs(schema: GraphQLSchema): void {
  const classOf = inputClasses();
  const describe = (item: GraphQLInputField | GraphQLArgument, target: Function | undefined) => {
    const words = target ? validatorWords(target, item.name) : [];
    const hasLengthRule = words.some((w) => w.endsWith('characters'));
    const all = [...words, ...typeWords(item.type, hasLengthRule)];
    if (all.length) item.description = appendParagraph(item.description, `${CONSTRAINTS_PREFIX}${all.join('; ')}.`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) describe(field, classOf.get(type.name));
    if (isObjectType(type)) for (const field of Object.values(type.getFields())) for (const arg of field.args) describe(arg, undefined);
  }
}

let applied = new WeakSet<GraphQLSchema>();

/** Applies the contract to a built schema (idempotent per schema object). */
export function applyContract(schema: GraphQLSchema): GraphQLSchema {
  if (applied.has(schema)) return schema;
  wrapResolvers(schema);
  describeAccess(schema);
  describeInputs(schema);
  applied.add(schema);
  return schema;
}

/** For tests that build their own schema. */
export function resetContract(): void {
  applied = new WeakSet();
}

// ---- Dates: bounded to a sane range so that far-off dates never reach date arithmetic or the database. ----

export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2200-12-31';

/** True for a date string within MIN_DATE..MAX_DATE (YYYY-MM-DD compares as text). */
export function dateInRange(date: string): boolean {
  return date >= MIN_DATE && date <= MAX_DATE;
}

function boundedInstant(value: Date): Date {
  const day = Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (!dateInRange(day)) throw new TypeError(`DateTimeISO must be between ${MIN_DATE} and ${MAX_DATE}`);
  return value;
}

/** type-graphql's DateTimeISO (same name and format) with inputs bounded to MIN_DATE..MAX_DATE. */
export const BoundedDateTimeISO = new GraphQLScalarType({
  name: 'DateTimeISO',
  description: `${GraphQLDateTimeISO.description ?? 'A date-time string at UTC.'} Inputs must lie between ${MIN_DATE} and ${MAX_DATE}.`,
  serialize: (value) => GraphQLDateTimeISO.serialize(value),
  parseValue: (value) => boundedInstant(GraphQLDateTimeISO.parseValue(value) as Date),
  parseLiteral: (ast, variables) => boundedInstant(GraphQLDateTimeISO.parseLiteral(ast, variables) as Date),
  specifiedByURL: GraphQLDateTimeISO.specifiedByURL,
});
