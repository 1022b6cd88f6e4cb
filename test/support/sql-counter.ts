import pg from 'pg';

/**
 * Counts the SQL statements the app sends (every pg client query in this test process) while `count` runs.
 * Used to prove limits refuse before any resolver or query runs, and that list queries do not grow with the list.
 */
let counting = 0;
let statements: string[] = [];
let patched = false;

function patch(): void {
  if (patched) return;
  patched = true;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    if (counting > 0) {
      const first = args[0] as string | { text?: string } | undefined;
      statements.push(typeof first === 'string' ? first : (first?.text ?? '?'));
    }
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/** Runs `work` and returns its result with the SQL statements sent meanwhile (transaction control excluded). */
export async function countSql<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  patch();
  statements = [];
  counting++;
  try {
    const result = await work();
    return { result, statements: statements.filter((s) => !/^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET LOCAL)/i.test(s)) };
  } finally {
    counting--;
  }
}
