// make bench-duckdb (test/bench/duckdb/run.sh): DuckDB answers the six record-level questions of
// `frr check` over one run directory's four JSON-lines files, by frr's own rules (lib/checks/), and
// compares its counts with frr's findings.
//
//   node six_questions.mjs RUN_DIR [--threads=2] [--window-seconds=86400] [--grace-seconds=3600]
//        [--tolerance-minor=1] [--exclude-channel=pos ...] [--history-start=ISO] [--findings=FRR_JSON]
//        [--group-order-ids=1]
//
// RUN_DIR holds manifest.json and source/orders.jsonl, source/customers.jsonl,
// destination/events.jsonl, destination/profiles.jsonl (as snapshot_bench writes them), or the four
// files beside the manifest (the older flat layout). The options are frr.yaml's checks: section
// (the window's start comes from the manifest as frr takes it; --window-seconds only stands in for a
// manifest without one); keep them in step with the config frr ran with. --group-order-ids=1 always
// looks for the first order of an id by grouping, even when the ids ascend (a test of that path).
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
                  '[--group-order-ids=1]');
    process.exit(64);
}

function parseArgs(argv) {
    const o = { threads: 2, windowSeconds: 86400, graceSeconds: 3600, toleranceMinor: 1, excludeChannels: [],
                historyStart: null, findings: null, groupOrderIds: false, runDir: null };
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
        else if (key === 'group-order-ids' && value === '1') o.groupOrderIds = true;
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

// The orders, read once into a table: what the questions need of each, its position in the file
// (ord), and whether its id is greater than the previous line's (ids ascending in file order are
// unique, so an event's order needs no search for the first of several).
function ordersTable(o, files, window) {
    const excluded = o.excludeChannels.length ? `source_name NOT IN (${o.excludeChannels.map(str).join(', ')})`
                                              : 'TRUE';
    const history = o.historyStart ? `created_at >= ${ts(new Date(o.historyStart))}` : 'TRUE';
    return `
CREATE TEMP TABLE orders AS
SELECT id, ordinality AS ord, item_quantity, coalesce(edited, FALSE) AS edited,
       CASE WHEN coalesce(edited, FALSE) THEN revenue_as_placed ELSE revenue END AS as_placed,
       (NOT test AND email_hash <> '' AND ${excluded} AND ${history}
        AND created_at >= ${ts(window.since)} AND created_at < ${ts(window.judgeBefore)}) AS judged,
       coalesce(lag(ordinality) OVER () = ordinality - 1 AND lag(id) OVER () < id, ordinality = 1) AS ascending
FROM ${jsonl(files.orders, { id: 'VARCHAR', created_at: 'TIMESTAMP', test: 'BOOLEAN', source_name: 'VARCHAR',
                             email_hash: 'VARCHAR', revenue: money, item_quantity: 'BIGINT', edited: 'BOOLEAN',
                             revenue_as_placed: money })} WITH ORDINALITY`;
}

function questions(o, files, window, idsUnique) {
    const inWindow = (col) => `${col} >= ${ts(window.since)} AND ${col} < ${ts(window.judgeBefore)}`;
    // The order an event's order_id names: the first with that id (frr's index keeps the first).
    const firstOrder = idsUnique ? 'SELECT id, ord, as_placed FROM orders'
                                 : 'SELECT id, min(ord) AS ord, arg_min(as_placed, ord) AS as_placed FROM orders GROUP BY id';
    return `
WITH first_order AS (${firstOrder}),
events AS MATERIALIZED (
    SELECT e.ordinality AS ord, e.id, e.kind = 'placed_order' AS placed, f.ord AS order_ord, e.item_units,
           e.value.currency = f.as_placed.currency AS compared,
           e.value.currency = f.as_placed.currency
               AND abs(e.value.minor - f.as_placed.minor) > ${o.toleranceMinor} AS off
    FROM ${jsonl(files.events, { id: 'VARCHAR', kind: 'VARCHAR', order_id: 'VARCHAR', value: money,
                                 item_units: 'BIGINT' })} WITH ORDINALITY e
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
order_counts AS (
    SELECT count(*) AS order_sync_judged,
           count(*) FILTER (WHERE placed = 0) AS order_sync_missing,
           count(*) FILTER (WHERE placed > 0 AND compared > 0) AS value_integrity_compared,
           count(*) FILTER (WHERE placed > 0 AND off > 0) AS value_integrity_mismatched,
           count(*) FILTER (WHERE placed > 0) AS duplicates_synced,
           count(*) FILTER (WHERE placed > 1) AS duplicates_duplicated,
           count(*) FILTER (WHERE placed > 0 AND expected_units IS NOT NULL) AS line_items_judged,
           count(*) FILTER (WHERE placed > 0 AND products < expected_units) AS line_items_affected
    FROM judged),
customers AS (
    SELECT email_hash, consent
    FROM ${jsonl(files.customers, { email_hash: 'VARCHAR', updated_at: 'TIMESTAMP', consent: 'VARCHAR' })}
    WHERE email_hash <> '' AND ${inWindow('updated_at')}),
-- The profile of an email: the first with it.
profiles AS (
    SELECT email_hash, arg_min(consent, ordinality) AS consent,
           arg_min(coalesce(len(list_filter(suppressions, s -> s NOT IN ('UNSUBSCRIBE', 'UNSUBSCRIBED'))), 0) > 0,
                   ordinality) AS deliverability
    FROM ${jsonl(files.profiles, { email_hash: 'VARCHAR', consent: 'VARCHAR', suppressions: 'VARCHAR[]' })}
         WITH ORDINALITY
    WHERE email_hash <> ''
    GROUP BY email_hash),
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
    FROM verdicts)
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
await connection.run(ordersTable(o, files, window));
const ascending = (await connection.runAndReadAll('SELECT bool_and(ascending) FROM orders')).getRows()[0][0];
const reader = await connection.runAndReadAll(questions(o, files, window, ascending === true && !o.groupOrderIds));
const [row] = reader.getRowObjectsJS();
const counts = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
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
