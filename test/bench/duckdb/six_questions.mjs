// make bench-duckdb (test/bench/duckdb/run.sh): DuckDB answers the six record-level questions of
// `frr check` over one run directory's four JSON-lines files, by frr's own rules (lib/checks/), and
// compares its counts with frr's findings.
//
//   node six_questions.mjs RUN_DIR [--threads=2] [--window-seconds=86400] [--grace-seconds=3600]
//        [--tolerance-minor=1] [--exclude-channel=pos ...] [--history-start=ISO] [--findings=FRR_JSON]
//        [--path=auto|exact|grouped]
//
// RUN_DIR holds manifest.json and source/orders.jsonl, source/customers.jsonl,
// destination/events.jsonl, destination/profiles.jsonl (as snapshot_bench writes them), or the four
// files beside the manifest (the older flat layout). The options are frr.yaml's checks: section
// (the window's start comes from the manifest as frr takes it; --window-seconds only stands in for a
// manifest without one); keep them in step with the config frr ran with.
// --path: auto (default) answers on all threads without line numbers and falls back to the exact
// path where the order of lines in a file would decide (see fastQuestions); exact always numbers
// the lines; grouped is exact and also finds the first order of an id by grouping (tests that path).
// Prints one JSON object of counts on stdout. With --findings (frr check --format json's output or a
// run's checks.json) it also compares each count with frr's, prints both, and exits 1 on any
// difference. Exit 0: counted (and equal); 1: different; 64: bad arguments.
//
// The rules, each as lib/checks/ has it:
// - An order is judged when it is not a test order, has an email hash, its sales channel is not
//   excluded, it is not before history_start, and it was created in [since, as_of - grace), where
//   since is the manifest's (raised to a platform's data_since).
// - An event belongs to the first order (file order) with its order_id; only kinds placed_order and
//   ordered_product count (a decoy of another integration's metric is "other"). Placed Orders are
//   counted as frr tallies them: the first one (file order) and every later one whose id differs
//   from the first's (the same event read twice is one). A Placed Order's value is compared when its
//   currency is the order's as-placed revenue's (revenue_as_placed for an edited order), and is off
//   when it differs by more than the tolerance.
// - Line items: expected units are item_quantity, or for an edited order the units its first
//   Placed Order lists (not judged when it lists none); every ordered_product event counts.
// - Customers are judged when they have an email hash and were updated in [since, as_of - grace);
//   their profile is the first (file order) with the same non-empty email hash; consent by
//   docs/sync-semantics.md's table (lib/checks/consent_table.cpp).
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function usage(message) {
    console.error(`six_questions: ${message}`);
    console.error('usage: node six_questions.mjs RUN_DIR [--threads=N] [--window-seconds=S] [--grace-seconds=S] ' +
                  '[--tolerance-minor=N] [--exclude-channel=NAME ...] [--history-start=ISO] [--findings=FILE] ' +
                  '[--path=auto|exact|grouped]');
    process.exit(64);
}

function parseArgs(argv) {
    const o = { threads: 2, windowSeconds: 86400, graceSeconds: 3600, toleranceMinor: 1, excludeChannels: [],
                historyStart: null, findings: null, path: 'auto', runDir: null };
    for (const a of argv) {
        const m = /^--([a-z-]+)=(.*)$/.exec(a);
        if (!m) {
            if (o.runDir) usage(`unexpected argument ${a}`);
            o.runDir = a;
            continue;
        }
        const [, key, value] = m;
        if (key === 'threads') o.threads = Number(value);
        else if (key === 'window-seconds') o.windowSeconds = Number(value);
        else if (key === 'grace-seconds') o.graceSeconds = Number(value);
        else if (key === 'tolerance-minor') o.toleranceMinor = Number(value);
        else if (key === 'exclude-channel') o.excludeChannels.push(value);
        else if (key === 'history-start') o.historyStart = value;
        else if (key === 'findings') o.findings = value;
        else if (key === 'path' && ['auto', 'exact', 'grouped'].includes(value)) o.path = value;
        else usage(`unknown option --${key}`);
    }
    if (!o.runDir) usage('RUN_DIR missing');
    for (const k of ['threads', 'windowSeconds', 'graceSeconds', 'toleranceMinor'])
        if (!Number.isInteger(o[k]) || o[k] < 0) usage(`${k} must be a whole number`);
    return o;
}

// The file of a dataset in either layout.
function dataFile(runDir, side, name) {
    const nested = join(runDir, side, name);
    return existsSync(nested) ? nested : join(runDir, name);
}

// SQL literals: strings quoted, times as TIMESTAMP (UTC, as frr's snapshot writes them).
const str = (s) => `'${String(s).replaceAll("'", "''")}'`;
const ts = (date) => `TIMESTAMP ${str(date.toISOString().replace('T', ' ').replace('Z', ''))}`;

// frr's window (lib/checks/check_input.cpp): since = the manifest's window.since (as_of - the
// config's window without one), raised to the latest data_since of a platform; judged up to
// as_of - grace.
function windowOf(manifest, windowSeconds, graceSeconds) {
    const asOf = new Date(manifest.as_of);
    let since = manifest.window?.since ? new Date(manifest.window.since) : null;
    if (!since || since.getTime() === 0 || !(since < asOf)) since = new Date(asOf.getTime() - windowSeconds * 1000);
    for (const p of Object.values(manifest.platforms ?? {}))
        if (p && p.data_since && new Date(p.data_since) > since) since = new Date(p.data_since);
    return { since, judgeBefore: new Date(asOf.getTime() - graceSeconds * 1000) };
}

function jsonl(path, columns) {
    const cols = Object.entries(columns).map(([k, t]) => `${k}: ${str(t)}`).join(', ');
    return `read_json(${str(path)}, format = 'newline_delimited', columns = {${cols}})`;
}

const money = 'STRUCT(minor BIGINT, currency VARCHAR)';

// The orders, read once into a table: what the questions need of each. The exact path also numbers
// them in file order (ord; a numbered scan runs on one thread) and notes whether each id is greater
// than the previous line's (ids ascending in file order are unique).
function ordersTable(o, files, window, numbered) {
    const excluded = o.excludeChannels.length ? `source_name NOT IN (${o.excludeChannels.map(str).join(', ')})`
                                              : 'TRUE';
    const history = o.historyStart ? `created_at >= ${ts(new Date(o.historyStart))}` : 'TRUE';
    const order = numbered ? `ordinality AS ord,
       coalesce(lag(ordinality) OVER () = ordinality - 1 AND lag(id) OVER () < id, ordinality = 1) AS ascending,`
                           : '';
    return `
CREATE OR REPLACE TEMP TABLE orders AS
SELECT id, ${order} item_quantity, coalesce(edited, FALSE) AS edited,
       CASE WHEN coalesce(edited, FALSE) THEN revenue_as_placed ELSE revenue END AS as_placed,
       (NOT test AND email_hash <> '' AND ${excluded} AND ${history}
        AND created_at >= ${ts(window.since)} AND created_at < ${ts(window.judgeBefore)}) AS judged
FROM ${jsonl(files.orders, { id: 'VARCHAR', created_at: 'TIMESTAMP', test: 'BOOLEAN', source_name: 'VARCHAR',
                             email_hash: 'VARCHAR', revenue: money, item_quantity: 'BIGINT', edited: 'BOOLEAN',
                             revenue_as_placed: money })}${numbered ? ' WITH ORDINALITY' : ''}`;
}

const eventsRead = (files) =>
    jsonl(files.events, { id: 'VARCHAR', kind: 'VARCHAR', order_id: 'VARCHAR', value: money, item_units: 'BIGINT' });
const isOff = (o, e, order) => `${e}.value.currency = ${order}.as_placed.currency
               AND abs(${e}.value.minor - ${order}.as_placed.minor) > ${o.toleranceMinor}`;

// From judged(placed, compared, off, products, expected_units), one row per judged order.
const orderCounts = `
order_counts AS (
    SELECT count(*) AS order_sync_judged,
           count(*) FILTER (WHERE placed = 0) AS order_sync_missing,
           count(*) FILTER (WHERE placed > 0 AND compared > 0) AS value_integrity_compared,
           count(*) FILTER (WHERE placed > 0 AND off > 0) AS value_integrity_mismatched,
           count(*) FILTER (WHERE placed > 0) AS duplicates_synced,
           count(*) FILTER (WHERE placed > 1) AS duplicates_duplicated,
           count(*) FILTER (WHERE placed > 0 AND expected_units IS NOT NULL) AS line_items_judged,
           count(*) FILTER (WHERE placed > 0 AND products < expected_units) AS line_items_affected
    FROM judged)`;

const customersRead = (files, inWindow) => `
customers AS MATERIALIZED (
    SELECT email_hash, consent
    FROM ${jsonl(files.customers, { email_hash: 'VARCHAR', updated_at: 'TIMESTAMP', consent: 'VARCHAR' })}
    WHERE email_hash <> '' AND ${inWindow('updated_at')})`;
const deliverability = `coalesce(len(list_filter(suppressions, s -> s NOT IN ('UNSUBSCRIBE', 'UNSUBSCRIBED'))), 0) > 0`;
const profilesRead = (files, numbered) =>
    `${jsonl(files.profiles, { email_hash: 'VARCHAR', consent: 'VARCHAR', suppressions: 'VARCHAR[]' })}${
        numbered ? ' WITH ORDINALITY' : ''}`;

// From customers c and profiles p (email_hash, consent, deliverability): the consent table.
const customerCounts = `
verdicts AS (
    SELECT p.email_hash IS NOT NULL AS has_profile,
           CASE
               WHEN p.email_hash IS NULL THEN NULL
               WHEN p.consent NOT IN ('SUBSCRIBED', 'UNSUBSCRIBED', 'NEVER_SUBSCRIBED') THEN NULL
               WHEN c.consent = 'SUBSCRIBED' THEN
                   CASE WHEN p.consent = 'SUBSCRIBED' OR p.deliverability THEN 'expected' ELSE 'mismatch' END
               WHEN c.consent IN ('NOT_SUBSCRIBED', 'INVALID') THEN
                   CASE WHEN p.consent = 'SUBSCRIBED' THEN 'mismatch' ELSE 'expected' END
               WHEN c.consent = 'UNSUBSCRIBED' THEN
                   CASE WHEN p.consent = 'SUBSCRIBED' THEN 'critical' ELSE 'expected' END
               WHEN c.consent = 'PENDING' THEN 'expected'
               ELSE NULL
           END AS verdict
    FROM customers c LEFT JOIN profiles p ON p.email_hash = c.email_hash),
customer_counts AS (
    SELECT count(*) AS customer_sync_judged,
           count(*) FILTER (WHERE NOT has_profile) AS customer_sync_missing,
           count(verdict) AS consent_judged,
           count(*) FILTER (WHERE verdict IN ('mismatch', 'critical')) AS consent_mismatched,
           count(*) FILTER (WHERE verdict = 'critical') AS consent_opted_out_but_subscribed
    FROM verdicts)`;

// The fast path: every file read on all threads, no line numbers. Where file order would decide
// (an order id twice, an order whose Placed Orders repeat an id beside other ids or disagree
// where only the first counts, an email with two matching profiles) it cannot answer, and says
// so in `undecided`; the exact path then runs instead.
function fastQuestions(o, files, window) {
    const inWindow = (col) => `${col} >= ${ts(window.since)} AND ${col} < ${ts(window.judgeBefore)}`;
    return `
WITH events AS (
    SELECT o.rowid AS order_row, e.id, e.kind = 'placed_order' AS placed, e.item_units,
           e.value.currency = o.as_placed.currency AS compared, ${isOff(o, 'e', 'o')} AS off
    FROM ${eventsRead(files)} e JOIN orders o ON o.id = e.order_id
    WHERE e.kind IN ('placed_order', 'ordered_product')),
per_order AS (
    SELECT order_row, count(*) FILTER (WHERE NOT placed) AS products, count(*) FILTER (WHERE placed) AS n,
           count(DISTINCT id) FILTER (WHERE placed) AS ids,
           count(*) FILTER (WHERE placed AND compared) AS compared, count(*) FILTER (WHERE placed AND off) AS off,
           count(item_units) FILTER (WHERE placed) AS with_units,
           min(item_units) FILTER (WHERE placed) AS units_lo, max(item_units) FILTER (WHERE placed) AS units_hi
    FROM events GROUP BY order_row),
-- All ids distinct: each Placed Order counts. One id throughout: the same event read again, it
-- counts once, with what all its copies agree on. Otherwise undecided.
decided AS (
    SELECT o.edited, o.item_quantity, coalesce(p.n, 0) AS n, p.products, p.ids, p.with_units, p.units_lo,
           p.units_hi,
           CASE WHEN p.ids = p.n THEN p.n WHEN p.ids = 1 THEN 1 END AS placed,
           CASE WHEN p.ids = p.n THEN p.compared WHEN p.compared IN (0, p.n) THEN p.compared // p.n END AS compared,
           CASE WHEN p.ids = p.n THEN p.off WHEN p.off IN (0, p.n) THEN p.off // p.n END AS off
    FROM orders o LEFT JOIN per_order p ON p.order_row = o.rowid
    WHERE o.judged),
judged AS (
    SELECT coalesce(placed, 0) AS placed, coalesce(compared, 0) AS compared, coalesce(off, 0) AS off,
           coalesce(products, 0) AS products,
           CASE WHEN NOT edited THEN item_quantity WHEN with_units > 0 THEN units_lo END AS expected_units,
           n > 0 AND (placed IS NULL OR compared IS NULL OR off IS NULL
                      OR (edited AND with_units > 0 AND (with_units < n OR units_lo <> units_hi))) AS undecided
    FROM decided),
${orderCounts.trim()},
${customersRead(files, inWindow).trim()},
profiles AS (
    SELECT email_hash, consent, ${deliverability} AS deliverability
    FROM ${profilesRead(files, false)}
    WHERE email_hash <> ''),
${customerCounts.trim()}
SELECT *,
       (SELECT count(*) - count(DISTINCT id) FROM orders)
         + (SELECT count(*) FILTER (WHERE undecided) FROM judged)
         + (SELECT count(*) FROM verdicts) - (SELECT count(*) FROM customers) AS undecided
FROM order_counts, customer_counts`;
}

// The exact path: events and profiles numbered in file order (their scans on one thread), so the
// first order of an id, the first Placed Order of an order and the first profile of an email are
// the ones frr's indexes keep.
function exactQuestions(o, files, window, idsUnique) {
    const inWindow = (col) => `${col} >= ${ts(window.since)} AND ${col} < ${ts(window.judgeBefore)}`;
    // The order an event's order_id names: the first with that id (frr's index keeps the first).
    const firstOrder = idsUnique ? 'SELECT id, ord, as_placed FROM orders'
                                 : 'SELECT id, min(ord) AS ord, arg_min(as_placed, ord) AS as_placed FROM orders GROUP BY id';
    return `
WITH first_order AS (${firstOrder}),
events AS MATERIALIZED (
    SELECT e.ordinality AS ord, e.id, e.kind = 'placed_order' AS placed, f.ord AS order_ord, e.item_units,
           e.value.currency = f.as_placed.currency AS compared, ${isOff(o, 'e', 'f')} AS off
    FROM ${eventsRead(files)} WITH ORDINALITY e
    JOIN first_order f ON f.id = e.order_id
    WHERE e.kind IN ('placed_order', 'ordered_product')),
-- Per order: its Ordered Products, and its first Placed Order (file order).
per_order AS (
    SELECT order_ord, count(*) FILTER (WHERE NOT placed) AS products,
           min(ord) FILTER (WHERE placed) AS first_ord, arg_min(id, ord) FILTER (WHERE placed) AS first_id,
           arg_min_null(item_units, ord) FILTER (WHERE placed) AS listed_units
    FROM events GROUP BY order_ord),
-- The Placed Orders frr counts: the first, and every later one with another id.
tally AS (
    SELECT e.order_ord, count(*) AS placed, count(*) FILTER (WHERE e.compared) AS compared,
           count(*) FILTER (WHERE e.off) AS off
    FROM events e JOIN per_order p ON p.order_ord = e.order_ord
    WHERE e.placed AND (e.ord = p.first_ord OR e.id <> p.first_id)
    GROUP BY e.order_ord),
judged AS (
    SELECT coalesce(t.placed, 0) AS placed, coalesce(t.compared, 0) AS compared, coalesce(t.off, 0) AS off,
           coalesce(p.products, 0) AS products,
           CASE WHEN o.edited THEN p.listed_units ELSE o.item_quantity END AS expected_units
    FROM orders o
    LEFT JOIN per_order p ON p.order_ord = o.ord
    LEFT JOIN tally t ON t.order_ord = o.ord
    WHERE o.judged),
${orderCounts.trim()},
${customersRead(files, inWindow).trim()},
-- The profile of an email: the first with it.
profiles AS (
    SELECT email_hash, arg_min(consent, ordinality) AS consent, arg_min(${deliverability}, ordinality) AS deliverability
    FROM ${profilesRead(files, true)}
    WHERE email_hash <> ''
    GROUP BY email_hash),
${customerCounts.trim()}
SELECT * FROM order_counts, customer_counts`;
}

// The counts of frr's findings JSON under the same names: indicator id + '_' + count name.
function frrCounts(findingsPath, names) {
    const findings = JSON.parse(readFileSync(findingsPath, 'utf8'));
    const out = {};
    for (const name of names) {
        const ind = findings.indicators.find((i) => name.startsWith(`${i.id}_`));
        const count = ind ? ind.counts?.[name.slice(ind.id.length + 1)] : undefined;
        out[name] = count === undefined ? null : Number(count);
    }
    return out;
}

const o = parseArgs(process.argv.slice(2));
const manifest = JSON.parse(readFileSync(join(o.runDir, 'manifest.json'), 'utf8'));
const files = {
    orders: dataFile(o.runDir, 'source', 'orders.jsonl'),
    customers: dataFile(o.runDir, 'source', 'customers.jsonl'),
    events: dataFile(o.runDir, 'destination', 'events.jsonl'),
    profiles: dataFile(o.runDir, 'destination', 'profiles.jsonl'),
};
const db = await DuckDBInstance.create(':memory:', { threads: String(o.threads) });
const connection = await db.connect();
const window = windowOf(manifest, o.windowSeconds, o.graceSeconds);
const numbers = (reader) => Object.fromEntries(Object.entries(reader.getRowObjectsJS()[0]).map(([k, v]) => [k, Number(v)]));
let counts = null;
if (o.path === 'auto') {
    await connection.run(ordersTable(o, files, window, false));
    const { undecided, ...fast } = numbers(await connection.runAndReadAll(fastQuestions(o, files, window)));
    if (undecided === 0) counts = fast;
    else console.error(`six_questions: file order decides for ${undecided} records; exact path`);
}
if (!counts) {
    await connection.run(ordersTable(o, files, window, true));
    const ascending = (await connection.runAndReadAll('SELECT bool_and(ascending) FROM orders')).getRows()[0][0];
    counts = numbers(await connection.runAndReadAll(
        exactQuestions(o, files, window, ascending === true && o.path !== 'grouped')));
}
console.log(JSON.stringify(counts));
if (o.findings) {
    const theirs = frrCounts(o.findings, Object.keys(counts));
    const differ = Object.keys(counts).filter((k) => theirs[k] !== counts[k]);
    const width = Math.max(...Object.keys(counts).map((k) => k.length));
    console.error(`${'count'.padEnd(width)}  ${'frr'.padStart(9)}  ${'DuckDB'.padStart(9)}`);
    for (const k of Object.keys(counts))
        console.error(`${k.padEnd(width)}  ${String(theirs[k]).padStart(9)}  ${String(counts[k]).padStart(9)}` +
                      (differ.includes(k) ? '  DIFFERENT' : ''));
    if (differ.length) {
        console.error(`six_questions: frr and DuckDB differ on ${differ.join(', ')}`);
        process.exit(1);
    }
}
