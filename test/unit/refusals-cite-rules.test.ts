import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { QueryFailedError } from 'typeorm';
import { OPEN_STATES } from '../../src/domain/ats/programme/participant-state';
import { DomainError } from '../../src/domain/shared/errors';
import { translateDatabaseError } from '../../src/domain/shared/unit-of-work';

/**
 * Issue 6 item 7: no business refusal leaves without a rule ID. Every `conflict(`, `forbidden(` and
 * `new DomainError('CONFLICT' | 'FORBIDDEN' | 'RULE_VIOLATION', ...)` in the domain layer names its rule. Technical
 * answers (NOT_FOUND, UNAUTHENTICATED, input errors) and the database-race translation are not business refusals.
 * The payments area is checked by its own work (issue 6 items 1-3).
 */
const ROOT = join(__dirname, '..', '..', '..', 'src', 'domain');
const EXCLUDED_DIRS = ['payments'];
const RULE = /'(ATS|COP|DEC)-[A-Z0-9.]+'|\brule\b|RULE\[|TRANSITION_RULE|v\.rule/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return EXCLUDED_DIRS.includes(name) ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The text of each call starting at `marker`, up to its matching parenthesis. */
function calls(text: string, marker: string): string[] {
  const found: string[] = [];
  for (let i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
    let depth = 0;
    let j = i + marker.length - 1;
    for (; j < text.length; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0) break;
    }
    found.push(text.slice(i, j + 1));
  }
  return found;
}

describe('every business refusal in the domain names its rule (issue 6 item 7)', () => {
  const files = sources(ROOT).map((path) => ({ path: path.slice(ROOT.length + 1), text: readFileSync(path, 'utf8') }));

  it('finds the domain sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('has no conflict(...), forbidden(...) or business DomainError without a rule ID', () => {
    const missing: string[] = [];
    for (const { path, text } of files) {
      if (path === 'shared/errors.ts' || path === 'shared/unit-of-work.ts') continue;
      const candidates = [
        ...calls(text, 'conflict('),
        ...calls(text, 'forbidden('),
        ...calls(text, "new DomainError('CONFLICT'"),
        ...calls(text, "new DomainError('FORBIDDEN'"),
        ...calls(text, "new DomainError('RULE_VIOLATION'"),
      ].filter((c) => !/^(conflict|forbidden)\(message|export const/.test(c));
      for (const call of candidates) if (!RULE.test(call)) missing.push(`${path}: ${call.slice(0, 120)}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('a race the database settles still names its rule', () => {
  const violation = (constraint: string) => {
    const driverError = Object.assign(new Error('duplicate key'), { code: '23505', constraint });
    return new QueryFailedError('INSERT ...', [], driverError);
  };

  it.each([
    ['UQ_participant_one_open_per_member', 'ATS-11'],
    ['UQ_extension_request_one_pending', 'ATS-25'],
  ])('maps %s to CONFLICT %s', (constraint, rule) => {
    const error = translateDatabaseError(violation(constraint)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect([error.code, error.rule]).toEqual(['CONFLICT', rule]);
  });
});

describe('the one-open-participation index', () => {
  it('names every open state of the participant state machine (a new open state needs a migration)', () => {
    const dir = join(__dirname, '..', '..', '..', 'migrations');
    const files = readdirSync(dir).filter((f: string) => f.endsWith('.ts')).sort();
    const latest = files.map((f: string) => readFileSync(join(dir, f), 'utf8')).reverse().find((src: string) => src.includes('CREATE UNIQUE INDEX "UQ_participant_one_open_per_member"'))!;
    const states = /UQ_participant_one_open_per_member" ON "participant"\s*\("member_id"\) WHERE status IN \(([^)]*)\)/.exec(latest)![1];
    expect(states.split(',').map((s: string) => s.trim().replace(/'/g, '')).sort()).toEqual([...OPEN_STATES].sort());
  });
});
