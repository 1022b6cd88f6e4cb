import http from 'node:http';
import { Pool } from 'pg';
import { SystemClock } from '../src/domain/shared/clock';
import { DomainError } from '../src/domain/shared/errors';
import { RegisterSearchService, type RegisterSearchInput } from '../src/domain/register/public/register-search.service';

/**
 * The benchmark's yardstick: a bare Node `http` + `pg` endpoint that issues the register's same prepared SQL and
 * returns the same JSON as `professionalStatusRegister { totalCount pageInfo { endCursor hasNextPage } nodes {...} }`.
 * No GraphQL, no framework: the physical limit of this machine for the register read.
 *
 *   DATABASE_URL=postgres://... PORT=4172 node dist/scripts/bare-register-server.js
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const search = new RegisterSearchService(pool, new SystemClock());

const server = http.createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    let variables: RegisterSearchInput;
    try {
      variables = JSON.parse(body).variables ?? {};
    } catch {
      res.writeHead(400).end();
      return;
    }
    search.search(variables).then(
      (page) => {
        const payload = JSON.stringify({
          data: {
            professionalStatusRegister: {
              totalCount: page.totalCount,
              pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
              nodes: page.items.map((n) => ({ fullName: n.fullName, membershipNumber: n.membershipNumber, membershipStatus: n.membershipStatus, grade: n.grade, titles: n.titles })),
            },
          },
        });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) }).end(payload);
      },
      (error) => {
        res.writeHead(error instanceof DomainError ? 400 : 500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: error.message }] }));
      },
    );
  });
});
server.listen(Number(process.env.PORT ?? 4172), '127.0.0.1', () => process.stdout.write('bare register endpoint ready\n'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
