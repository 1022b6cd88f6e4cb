import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: the public register's read model, the Chartered College feed position and the College push outbox.
 *
 * These three tables are written only by the triggers below and by the register/college services with plain SQL, so
 * they are not TypeORM entities (the drift gate ignores tables it has no entity for). The triggers keep
 * `register_entry` in step with `member` and `professional_status` inside the writer's own transaction, whoever
 * writes (ATS awards, QTLS, opt-out, conduct sanctions, renewals, lapse sweeps). The listing condition itself is NOT
 * stored: the entry keeps the raw dates and every read evaluates DEC-G2 for the request's London date
 * (src/domain/register/public/listing.sql.ts).
 */
export class RegisterReadModelAndCollegeFeed1795600000000 implements MigrationInterface {
  name = 'RegisterReadModelAndCollegeFeed1795600000000';

  async up(q: QueryRunner): Promise<void> {
    // The search key: lower case, accents removed (NFD then drop every combining mark), then only [a-z0-9] kept, so
    // "Zoë" -> "zoe", "O'Connor" -> "oconnor", "Adébáyọ̀" -> "adebayo", "Smith-Jones" -> "smithjones". A few letters
    // that do not decompose are spelled out. Mirrored by searchKey() in TypeScript (a test checks they agree).
    await q.query(`
      CREATE FUNCTION register_search_key(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$
        SELECT regexp_replace(lower(
                 replace(replace(replace(replace(replace(replace(replace(
                   translate(regexp_replace(normalize(value, NFD), '[\\u0300-\\u036f]', '', 'g'), 'ØøŁłĐđÐðĦħı', 'OoLlDdDdHhi'),
                   'ß', 'ss'), 'Æ', 'ae'), 'æ', 'ae'), 'Œ', 'oe'), 'œ', 'oe'), 'Þ', 'th'), 'þ', 'th')),
                 '[^a-z0-9]', '', 'g') COLLATE "C"
      $fn$`);

    // DEC-G2 as sets of dates: given the stored row, the London dates on which a status row is listable, and on
    // which the holder is a current member. The register stores (member ∩ (ATS ∪ QTLS)) and asks `@> today`, so date
    // conditions are still evaluated at request time but cost one operator per row. These are the SQL twins of
    // statusListedSql / memberCurrentSql and isStatusListed / isCurrentMember (test/api/register-listing.test.ts checks
    // all four agree on every combination of dates around the boundaries).
    await q.query(`
      CREATE FUNCTION register_status_listed_on(awarded_on date, due_on date, suspended_on date, suspension_ends_on date, removed_on date, opt_out boolean)
      RETURNS datemultirange LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT CASE WHEN awarded_on IS NULL OR removed_on IS NOT NULL OR opt_out THEN '{}'::datemultirange
               ELSE datemultirange(daterange(NULL, due_on, '(]'))
                    - CASE WHEN suspended_on IS NULL OR suspension_ends_on <= suspended_on THEN '{}'::datemultirange
                           ELSE datemultirange(daterange(suspended_on, suspension_ends_on, '[)')) END
               END
      $fn$`);
    await q.query(`
      CREATE FUNCTION register_member_current_on(status text, renewal_date date, suspension_ends_on date)
      RETURNS datemultirange LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT CASE WHEN status = 'ACTIVE' THEN datemultirange(daterange(NULL, renewal_date, '(]'))
                    WHEN status = 'SUSPENDED' AND suspension_ends_on IS NOT NULL AND suspension_ends_on <= renewal_date
                      THEN datemultirange(daterange(suspension_ends_on, renewal_date, '[]'))
                    ELSE '{}'::datemultirange END
      $fn$`);

    await q.query(`
      CREATE TABLE register_entry (
        member_id uuid PRIMARY KEY REFERENCES member(id) ON DELETE CASCADE,
        membership_number text COLLATE "C" NOT NULL,
        full_name text NOT NULL,
        grade text NOT NULL,
        surname_key text COLLATE "C" NOT NULL,
        forename_key text COLLATE "C" NOT NULL,
        fs_key text COLLATE "C" NOT NULL,
        fs_bucket text COLLATE "C" NOT NULL,
        member_status text NOT NULL,
        renewal_date date NOT NULL,
        member_suspension_ends_on date,
        ats_awarded_on date, ats_due_on date, ats_suspended_on date, ats_suspension_ends_on date, ats_removed_on date, ats_opt_out boolean,
        qtls_awarded_on date, qtls_due_on date, qtls_suspended_on date, qtls_suspension_ends_on date, qtls_removed_on date, qtls_opt_out boolean,
        ats_listed_on datemultirange NOT NULL,
        qtls_listed_on datemultirange NOT NULL,
        listed_on datemultirange NOT NULL
      )`);
    const shown = 'listed_on, ats_listed_on, qtls_listed_on, full_name, grade';
    // Surname prefix (common and rare surnames): a range scan already in the page's order, stopped after one page.
    await q.query(`CREATE INDEX register_entry_surname_order ON register_entry (surname_key, forename_key, membership_number) INCLUDE (${shown})`);
    // Forename / full-name prefix: the two-letter bucket narrows, then rows come in the page's order (no sort).
    await q.query(`CREATE INDEX register_entry_forename_bucket ON register_entry (fs_bucket, surname_key, forename_key, membership_number) INCLUDE (fs_key, ${shown})`);
    await q.query(`CREATE UNIQUE INDEX register_entry_number ON register_entry (membership_number) INCLUDE (${shown}, surname_key, forename_key)`);
    // totalCount: narrow covering indexes of the entries ever listed, so counting tens of thousands of Smiths is an
    // index-only scan of small tuples (a title filter counts through the wider indexes above).
    await q.query(`CREATE INDEX register_entry_surname_count ON register_entry (surname_key) INCLUDE (listed_on) WHERE listed_on <> '{}'::datemultirange`);
    await q.query(`CREATE INDEX register_entry_full_name_count ON register_entry (fs_key) INCLUDE (surname_key, listed_on) WHERE listed_on <> '{}'::datemultirange`);

    // What register_entry holds for one member (target) or for everyone (NULL): the one definition, used row by row
    // by the triggers and set-wise by bulk loads (scripts/seed-register.ts). A function rather than a view, so other
    // areas' later migrations can still alter the member and professional_status columns it reads.
    await q.query(`
      CREATE FUNCTION register_entry_rows(target uuid) RETURNS SETOF register_entry LANGUAGE sql STABLE AS $fn$
      SELECT m.id AS member_id, m.membership_number::text AS membership_number, m.given_name || ' ' || m.family_name AS full_name, m.grade::text AS grade,
             register_search_key(m.family_name) AS surname_key, register_search_key(m.given_name) AS forename_key,
             register_search_key(m.given_name) || register_search_key(m.family_name) AS fs_key,
             left(register_search_key(m.given_name) || register_search_key(m.family_name), 2) AS fs_bucket,
             m.status::text AS member_status, m.renewal_date, m.suspension_ends_on AS member_suspension_ends_on,
             a.awarded_on AS ats_awarded_on, a.reaccreditation_due_on AS ats_due_on, a.suspended_on AS ats_suspended_on,
             a.suspension_ends_on AS ats_suspension_ends_on, a.removed_on AS ats_removed_on, a.register_opt_out AS ats_opt_out,
             t.awarded_on AS qtls_awarded_on, t.reaccreditation_due_on AS qtls_due_on, t.suspended_on AS qtls_suspended_on,
             t.suspension_ends_on AS qtls_suspension_ends_on, t.removed_on AS qtls_removed_on, t.register_opt_out AS qtls_opt_out,
             l.ats_listed_on, l.qtls_listed_on, l.ats_listed_on + l.qtls_listed_on AS listed_on
        FROM member m
        LEFT JOIN professional_status a ON a.member_id = m.id AND a.title = 'ATS'
        LEFT JOIN professional_status t ON t.member_id = m.id AND t.title = 'QTLS'
        CROSS JOIN LATERAL (SELECT register_member_current_on(m.status, m.renewal_date, m.suspension_ends_on) AS current) c
        CROSS JOIN LATERAL (SELECT
             c.current * register_status_listed_on(a.awarded_on, a.reaccreditation_due_on, a.suspended_on, a.suspension_ends_on, a.removed_on, a.register_opt_out) AS ats_listed_on,
             c.current * register_status_listed_on(t.awarded_on, t.reaccreditation_due_on, t.suspended_on, t.suspension_ends_on, t.removed_on, t.register_opt_out) AS qtls_listed_on) l
       WHERE (a.id IS NOT NULL OR t.id IS NOT NULL) AND (target IS NULL OR m.id = target)
      $fn$`);
    await q.query(`
      CREATE FUNCTION register_entry_refresh(target uuid) RETURNS void LANGUAGE plpgsql AS $fn$
      BEGIN
        DELETE FROM register_entry WHERE member_id = target;
        INSERT INTO register_entry SELECT * FROM register_entry_rows(target);
      END $fn$`);
    await q.query(`
      CREATE FUNCTION register_entry_on_status() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM register_entry_refresh(OLD.member_id); END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.member_id <> OLD.member_id) THEN PERFORM register_entry_refresh(NEW.member_id); END IF;
        RETURN NULL;
      END $fn$`);
    await q.query(`CREATE TRIGGER register_entry_on_status AFTER INSERT OR UPDATE OR DELETE ON professional_status FOR EACH ROW EXECUTE FUNCTION register_entry_on_status()`);
    await q.query(`
      CREATE FUNCTION register_entry_on_member() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF EXISTS (SELECT 1 FROM register_entry WHERE member_id = NEW.id) THEN PERFORM register_entry_refresh(NEW.id); END IF;
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE TRIGGER register_entry_on_member AFTER UPDATE OF membership_number, given_name, family_name, grade, status, renewal_date, suspension_ends_on
      ON member FOR EACH ROW EXECUTE FUNCTION register_entry_on_member()`);

    // ATS-49 feed position: the id of the transaction that wrote each conferral (assigned in that transaction by the
    // trigger, so plain INSERTs from any service work). The feed pages only below the xmin watermark, ordered by
    // (txid, seq): a transaction still open can only ever commit rows above everything already served.
    await q.query(`
      CREATE TABLE college_feed_position (
        conferral_id uuid PRIMARY KEY REFERENCES chartered_teacher_conferral(id) ON DELETE CASCADE,
        txid bigint NOT NULL,
        seq bigserial NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX college_feed_position_order ON college_feed_position (txid, seq)`);
    // The push outbox: one delivery per conferral, retried with backoff until the College's endpoint accepts it.
    await q.query(`
      CREATE TABLE college_push (
        conferral_id uuid PRIMARY KEY REFERENCES chartered_teacher_conferral(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT '-infinity',
        delivered_at timestamptz,
        last_error text
      )`);
    await q.query(`CREATE INDEX college_push_due ON college_push (next_attempt_at) WHERE delivered_at IS NULL`);
    await q.query(`
      CREATE FUNCTION college_feed_on_conferral() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO college_feed_position (conferral_id, txid) VALUES (NEW.id, pg_current_xact_id()::text::bigint);
        INSERT INTO college_push (conferral_id) VALUES (NEW.id);
        RETURN NULL;
      END $fn$`);
    await q.query(`CREATE TRIGGER college_feed_on_conferral AFTER INSERT ON chartered_teacher_conferral FOR EACH ROW EXECUTE FUNCTION college_feed_on_conferral()`);

    // Rows already there (none on a fresh database).
    await q.query(`SELECT register_entry_refresh(id) FROM member WHERE id IN (SELECT member_id FROM professional_status)`);
    await q.query(`INSERT INTO college_feed_position (conferral_id, txid) SELECT id, pg_current_xact_id()::text::bigint FROM chartered_teacher_conferral ORDER BY created_at, id`);
    await q.query(`INSERT INTO college_push (conferral_id) SELECT id FROM chartered_teacher_conferral`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER college_feed_on_conferral ON chartered_teacher_conferral`);
    await q.query(`DROP FUNCTION college_feed_on_conferral()`);
    await q.query(`DROP TABLE college_push`);
    await q.query(`DROP TABLE college_feed_position`);
    await q.query(`DROP TRIGGER register_entry_on_member ON member`);
    await q.query(`DROP FUNCTION register_entry_on_member()`);
    await q.query(`DROP TRIGGER register_entry_on_status ON professional_status`);
    await q.query(`DROP FUNCTION register_entry_on_status()`);
    await q.query(`DROP FUNCTION register_entry_refresh(uuid)`);
    await q.query(`DROP FUNCTION register_entry_rows(uuid)`);
    await q.query(`DROP TABLE register_entry`);
    await q.query(`DROP FUNCTION register_member_current_on(text, date, date)`);
    await q.query(`DROP FUNCTION register_status_listed_on(date, date, date, date, date, boolean)`);
    await q.query(`DROP FUNCTION register_search_key(text)`);
  }
}
