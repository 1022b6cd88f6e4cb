#!/usr/bin/env bash
# Generates typed documents for the README's operations into .codegen/ (git-ignored) and type-checks them, with a
# file that uses one of them, so a README operation that no longer matches the schema fails here (issue 7 item 8).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .codegen
CODEGEN_OUT=.codegen/gql/ npx graphql-codegen --config codegen.ts
cat > .codegen/usage.ts <<'TS'
import type { ResultOf } from '@graphql-typed-document-node/core';
import { ReadmeRegisterForAts1Document } from './gql/graphql';
type Registered = ResultOf<typeof ReadmeRegisterForAts1Document>['registerForAts'];
// LocalDate is mapped to string, Int to number: these assignments fail to compile if the mapping or the schema drifts.
export const deadline: Registered['deadline'] = '2028-06-30';
export const fee: Registered['feePence'] = 81500;
TS
npx tsc --ignoreConfig --noEmit --strict --skipLibCheck --target ES2022 --module esnext --moduleResolution bundler .codegen/gql/*.ts .codegen/usage.ts
echo "codegen: typed documents generated and type-checked"
