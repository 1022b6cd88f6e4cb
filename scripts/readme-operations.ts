import fs from 'node:fs';
import path from 'node:path';

/**
 * The README's lifecycle operations (the ```graphql block under "## The ATS lifecycle as GraphQL operations"), read
 * in order; each ends with `# [ROLE]`. Used by test/api/readme-lifecycle.test.ts (which runs them) and by
 * `npm run docs:operations`, which writes them, named, to docs/operations/readme.graphql for GraphQL Code Generator
 * (`npm run codegen:check`) and @graphql-eslint (`npm run lint`).
 */
export interface ReadmeOperation {
  text: string;
  role: string;
  step: string;
}

const ROOT = path.join(__dirname, '..', '..');
const README = path.join(ROOT, 'README.md');
export const OPERATIONS_FILE = 'docs/operations/readme.graphql';
const SECTION = '## The ATS lifecycle as GraphQL operations';

/** Strips a trailing `# ...` comment that is outside string literals. */
function splitComment(line: string): { code: string; comment: string } {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' && line[i - 1] !== '\\') inString = !inString;
    if (c === '#' && !inString) return { code: line.slice(0, i), comment: line.slice(i + 1).trim() };
  }
  return { code: line, comment: '' };
}

export function readmeOperations(markdown = fs.readFileSync(README, 'utf8')): ReadmeOperation[] {
  const from = markdown.indexOf(SECTION);
  if (from < 0) throw new Error(`README has no "${SECTION}" section`);
  const block = /```graphql\n([\s\S]*?)```/.exec(markdown.slice(from));
  if (!block) throw new Error('README lifecycle section has no ```graphql block');
  const operations: ReadmeOperation[] = [];
  let step = '';
  let current: string[] = [];
  let depth = 0;
  for (const raw of block[1].split('\n')) {
    const { code, comment } = splitComment(raw);
    if (!current.length && !code.trim()) {
      if (/^\d+[a-z]?\./.test(comment)) step = comment.split(' ')[0];
      continue;
    }
    current.push(code);
    for (const c of code.replace(/"(?:[^"\\]|\\.)*"/g, '')) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
    if (depth === 0) {
      const role = /\[([A-Z_]+)\]/.exec(comment)?.[1];
      if (!role) throw new Error(`README operation has no trailing # [ROLE]: ${current.join(' ').trim()}`);
      operations.push({ text: current.join('\n').trim(), role, step });
      current = [];
    }
  }
  if (current.length) throw new Error(`README operation never closes: ${current.join(' ')}`);
  return operations;
}


/** The operations as one document, each named `Readme<Field><n>` (codegen needs unique operation names). */
export function namedDocument(operations: ReadmeOperation[]): string {
  const seen: Record<string, number> = {};
  const header = '# Generated from README.md by `npm run docs:operations`; do not edit. Placeholders such as "<participant id>" are ids from earlier answers.\n';
  return (
    header +
    operations
      .map((op) => {
        const field = /^(?:query|mutation)\s*\{\s*(\w+)/.exec(op.text)?.[1] ?? 'Operation';
        const n = (seen[field] = (seen[field] ?? 0) + 1);
        const name = `Readme${field[0].toUpperCase()}${field.slice(1)}${n}`;
        return `# step ${op.step || '-'} [${op.role}]\n${op.text.replace(/^(query|mutation)\s*\{/, `$1 ${name} {`)}\n`;
      })
      .join('\n')
  );
}

if (require.main === module) {
  const target = path.join(ROOT, OPERATIONS_FILE);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, namedDocument(readmeOperations()));
  process.stdout.write(`wrote ${OPERATIONS_FILE}\n`);
}
