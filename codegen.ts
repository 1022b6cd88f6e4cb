import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator (client preset): typed documents for the README's operations (docs/operations/*.graphql,
 * generated from README.md by `npm run docs:operations`) against schema/schema.graphql. `npm run codegen:check`
 * generates into .codegen/ (git-ignored) and type-checks the result; front ends can copy this set-up.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['docs/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    [process.env.CODEGEN_OUT ?? '.codegen/gql/']: {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: {
          ID: 'string',
          LocalDate: 'string',
          DateTimeISO: 'string',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
};

export default config;
