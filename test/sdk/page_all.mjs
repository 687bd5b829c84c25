// Pages through frr-sim with the platforms' official client libraries, configured as their
// documentation says, changing only where requests go (the base URL), and compares what they
// found with the simulator's ground truth. Exit 0 when every count matches and no id repeats,
// 1 on any mismatch, duplicate or error. Started by test/sdk/run.sh (make sdk-test).
//
//   node page_all.mjs SIM_URL [--tamper=orders|customers|profiles|events|flows|list:NAME]
//
// Beyond the four collections: the flows, every list's members, the flows each Shopify metric
// and each list triggers, and one flow series report (the Reporting API), as frr reads them.
//
// SIM_URL (or FRR_SIM_URL): e.g. http://127.0.0.1:PORT. Credentials from the environment
// (examples/sim.env): FRR_SHOPIFY_ACCESS_TOKEN, FRR_KLAVIYO_PRIVATE_KEY. --tamper=NAME adds one
// to that collection's expected count, to show that the comparison can fail.
import { createAdminApiClient } from '@shopify/admin-api-client';
import { ApiKeySession, ProfilesApi, EventsApi, FlowsApi, ListsApi, MetricsApi, ReportingApi } from 'klaviyo-api';

const args = process.argv.slice(2);
const simUrl = (args.find((a) => !a.startsWith('--')) ?? process.env.FRR_SIM_URL ?? '').replace(/\/$/, '');
const tamper = (args.find((a) => a.startsWith('--tamper=')) ?? '').slice('--tamper='.length);
const shopifyToken = process.env.FRR_SHOPIFY_ACCESS_TOKEN;
const klaviyoKey = process.env.FRR_KLAVIYO_PRIVATE_KEY;
if (!/^https?:\/\//.test(simUrl) || !shopifyToken || !klaviyoKey) {
  console.error('usage: node page_all.mjs SIM_URL  (with FRR_SHOPIFY_ACCESS_TOKEN and FRR_KLAVIYO_PRIVATE_KEY set)');
  process.exit(64);
}
const simOrigin = new URL(simUrl).origin;

const STORE_DOMAIN = 'frr-sim-sdk.myshopify.com';
const SHOPIFY_API_VERSION = '2026-10';
const SHOPIFY_PAGE = 50; // several pages per collection on the small scenario

const problems = [];
const problem = (msg) => {
  problems.push(msg);
  console.error(`sdk-test: ${msg}`);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- Shopify
// The client always builds https://{storeDomain}/admin/api/{version}/graphql.json (it forces the
// https scheme: @shopify/graphql-client validateDomainAndGetStoreUrl). Its documented
// `customFetchApi` option replaces fetch(); ours sends the same request to the simulator's origin.
const shopifyRequests = [];
const shopify = createAdminApiClient({
  storeDomain: STORE_DOMAIN,
  apiVersion: SHOPIFY_API_VERSION,
  accessToken: shopifyToken,
  customFetchApi: (url, init) => {
    const u = new URL(url);
    shopifyRequests.push(u.pathname);
    return fetch(simOrigin + u.pathname + u.search, init);
  },
  logger: (log) => {
    if (log.type === 'Unsupported_Api_Version') problem(`Shopify client: API version ${SHOPIFY_API_VERSION} reported unsupported`);
  },
});

async function shopifyPageAll(field) {
  const query = `query Page($first: Int!, $after: String) {
  ${field}(first: $first, after: $after) {
    edges { cursor node { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;
  const ids = new Set();
  let after = null;
  let pages = 0;
  for (;;) {
    const { data, errors, extensions } = await shopify.request(query, { variables: { first: SHOPIFY_PAGE, after } });
    const throttled = errors?.graphQLErrors?.some((e) => e?.extensions?.code === 'THROTTLED');
    if (throttled) {
      // Shopify's documented rule: wait until the bucket holds the requested cost, then retry.
      const cost = extensions?.cost;
      const need = (cost?.requestedQueryCost ?? 0) - (cost?.throttleStatus?.currentlyAvailable ?? 0);
      const rate = cost?.throttleStatus?.restoreRate || 50;
      await sleep(Math.max(100, Math.ceil((need / rate) * 1000)));
      continue;
    }
    if (errors) throw new Error(`Shopify ${field}: ${errors.message} ${JSON.stringify(errors.graphQLErrors ?? '')} (HTTP ${errors.networkStatusCode})`);
    if (!extensions?.cost?.throttleStatus) problem(`Shopify ${field}: response without extensions.cost.throttleStatus`);
    const conn = data?.[field];
    if (!conn || !Array.isArray(conn.edges) || !conn.pageInfo) throw new Error(`Shopify ${field}: unexpected response shape ${JSON.stringify(data).slice(0, 200)}`);
    ++pages;
    for (const { node, cursor } of conn.edges) {
      if (typeof cursor !== 'string' || !node?.id?.startsWith(`gid://shopify/${field === 'orders' ? 'Order' : 'Customer'}/`)) {
        problem(`Shopify ${field}: bad edge ${JSON.stringify({ cursor, node })}`);
      }
      if (ids.has(node.id)) problem(`Shopify ${field}: duplicate id ${node.id}`);
      ids.add(node.id);
    }
    if (conn.edges.length > SHOPIFY_PAGE) problem(`Shopify ${field}: ${conn.edges.length} edges for first: ${SHOPIFY_PAGE}`);
    if (!conn.pageInfo.hasNextPage) break;
    if (!conn.pageInfo.endCursor) throw new Error(`Shopify ${field}: hasNextPage without endCursor`);
    after = conn.pageInfo.endCursor;
  }
  return { count: ids.size, pages };
}

// ---------------------------------------------------------------- Klaviyo
// Every generated API class has a public `basePath` (default https://a.klaviyo.com, see
// klaviyo-api api/profilesApi.ts `set basePath`); that is the only thing changed here.
const session = new ApiKeySession(klaviyoKey);
const profilesApi = new ProfilesApi(session);
const eventsApi = new EventsApi(session);
const flowsApi = new FlowsApi(session);
const listsApi = new ListsApi(session);
const metricsApi = new MetricsApi(session);
const reportingApi = new ReportingApi(session);
for (const api of [profilesApi, eventsApi, flowsApi, listsApi, metricsApi, reportingApi]) api.basePath = simOrigin;

// The SDK README (Cursor based Pagination): pass `links.next` as `pageCursor`; the SDK keeps only
// its page[cursor] parameter, but only when the link contains "https://" (api/apis.ts
// queryParamPreProcessor). The simulator speaks plain http on loopback, so for an http link we
// take page[cursor] out of the link ourselves: the same value the SDK extracts from an https link.
function cursorOf(next) {
  return next.startsWith('https://') ? next : new URL(next).searchParams.get('page[cursor]');
}

async function klaviyoPageAll(name, type, path, fetchPage) {
  const ids = new Set();
  let pageCursor;
  let pages = 0;
  for (;;) {
    const { response, body } = await fetchPage(pageCursor === undefined ? {} : { pageCursor });
    ++pages;
    if (!Array.isArray(body?.data) || !body.links) throw new Error(`Klaviyo ${name}: unexpected body ${JSON.stringify(body).slice(0, 200)}`);
    if (!String(response.headers['content-type'] ?? '').startsWith('application/vnd.api+json')) {
      problem(`Klaviyo ${name}: content-type ${response.headers['content-type']}`);
    }
    for (const item of body.data) {
      if (item.type !== type || typeof item.id !== 'string') problem(`Klaviyo ${name}: bad item ${JSON.stringify(item).slice(0, 120)}`);
      if (ids.has(item.id)) problem(`Klaviyo ${name}: duplicate id ${item.id}`);
      ids.add(item.id);
    }
    const next = body.links.next;
    if (!next) break;
    const link = new URL(next);
    if (link.origin !== simOrigin || link.pathname !== path || !link.searchParams.get('page[cursor]')) {
      problem(`Klaviyo ${name}: links.next ${next} is not ${simOrigin}${path}?page[cursor]=...`);
      break;
    }
    pageCursor = cursorOf(next);
  }
  return { count: ids.size, pages, ids };
}

// ---------------------------------------------------------------- ground truth
// A relationship endpoint (GET .../relationships/flow-triggers): one page of {type, id}.
async function relatedIds(name, call) {
  const { body } = await call();
  if (!Array.isArray(body?.data)) throw new Error(`Klaviyo ${name}: unexpected body ${JSON.stringify(body).slice(0, 200)}`);
  for (const item of body.data) if (item.type !== 'flow' || typeof item.id !== 'string') problem(`Klaviyo ${name}: bad item ${JSON.stringify(item)}`);
  return body.data.map((item) => item.id);
}

// The Shopify metrics' and the lists' flow triggers must name flows the flows endpoint lists; one
// flow series report (POST /api/flow-series-reports, the body frr sends) must have a result per
// flow message with one value per day.
async function flowsAndReport(metrics, lists, flowIds) {
  let triggers = 0;
  for (const m of metrics) {
    for (const id of await relatedIds(`flow triggers of metric ${m.name}`, () => metricsApi.getIdsForFlowsTriggeredByMetric(m.metric_id))) {
      if (!flowIds.has(id)) problem(`Klaviyo: metric ${m.name} triggers flow ${id}, which GET /api/flows does not list`);
      ++triggers;
    }
  }
  for (const l of lists) {
    for (const id of await relatedIds(`flow triggers of list ${l.name}`, () => listsApi.getIdsForFlowsTriggeredByList(l.id))) {
      if (!flowIds.has(id)) problem(`Klaviyo: list ${l.name} triggers flow ${id}, which GET /api/flows does not list`);
      ++triggers;
    }
  }
  if (triggers === 0) problem('Klaviyo: no flow is triggered by any Shopify metric or list');
  const placed = metrics.find((m) => m.name === 'Placed Order');
  const { body } = await reportingApi.queryFlowSeries({
    data: {
      type: 'flow-series-report',
      attributes: {
        statistics: ['recipients', 'delivered'],
        timeframe: { start: '2026-11-20T00:00:00+00:00', end: '2026-11-27T00:00:00+00:00' },
        interval: 'daily',
        conversionMetricId: placed.metric_id,
        groupBy: ['flow_id', 'flow_message_id', 'send_channel'],
      },
    },
  });
  const a = body?.data?.attributes;
  if (!Array.isArray(a?.dateTimes) || !Array.isArray(a?.results)) throw new Error(`Klaviyo flow series: unexpected body ${JSON.stringify(body).slice(0, 200)}`);
  if (a.dateTimes.length !== 7) problem(`Klaviyo flow series: ${a.dateTimes.length} days for a 7-day daily timeframe`);
  for (const r of a.results) {
    if (!flowIds.has(r.groupings?.flow_id)) problem(`Klaviyo flow series: a result for unknown flow ${JSON.stringify(r.groupings)}`);
    if (r.statistics?.recipients?.length !== a.dateTimes.length) problem(`Klaviyo flow series: recipients not one per day in ${JSON.stringify(r).slice(0, 160)}`);
  }
  if (a.results.length === 0) problem('Klaviyo flow series: no results although live flows sent emails');
  console.log(`sdk-test: flow triggers ${String(triggers).padStart(3)}; flow series report: ${a.results.length} messages x ${a.dateTimes.length} days ok`);
}

async function groundTruth() {
  // docs/simulator.md: GET /_sim/ground-truth counts [since, until); totals cover everything.
  const res = await fetch(`${simOrigin}/_sim/ground-truth?since=1970-01-01T00:00:00Z&until=2100-01-01T00:00:00Z`);
  if (!res.ok) throw new Error(`ground truth: HTTP ${res.status}`);
  const gt = await res.json();
  return {
    orders: gt.orders.total,
    customers: gt.customers.total,
    profiles: gt.profiles.total,
    events: gt.events.reduce((n, m) => n + m.visible_total, 0),
    flows: gt.flows.listed,
    ...Object.fromEntries(gt.lists.map((l) => [`list:${l.name}`, l.count])),
    _lists: gt.lists,
    _metrics: gt.events.filter((m) => m.integration === 'shopify'),
  };
}

async function main() {
  const started = Date.now();
  const want = await groundTruth();
  const lists = want._lists;
  const metrics = want._metrics;
  delete want._lists;
  delete want._metrics;
  if (tamper) {
    if (!(tamper in want)) throw new Error(`--tamper: unknown collection ${tamper}`);
    want[tamper] += 1;
    console.log(`sdk-test: --tamper=${tamper}: expecting ${want[tamper]} (one more than the ground truth)`);
  }
  const got = {
    orders: await shopifyPageAll('orders'),
    customers: await shopifyPageAll('customers'),
    profiles: await klaviyoPageAll('profiles', 'profile', '/api/profiles', (o) => profilesApi.getProfiles(o)),
    events: await klaviyoPageAll('events', 'event', '/api/events', (o) => eventsApi.getEvents(o)),
    flows: await klaviyoPageAll('flows', 'flow', '/api/flows', (o) => flowsApi.getFlows(o)),
  };
  for (const l of lists) {
    got[`list:${l.name}`] = await klaviyoPageAll(`list ${l.name}`, 'profile', `/api/lists/${l.id}/profiles`, (o) =>
      listsApi.getProfilesForList(l.id, o));
  }
  await flowsAndReport(metrics, lists, got.flows.ids);
  if (!shopifyRequests.every((p) => p === `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`)) {
    problem(`Shopify client requested unexpected paths: ${[...new Set(shopifyRequests)].join(' ')}`);
  }
  for (const name of Object.keys(want)) {
    const ok = got[name].count === want[name];
    console.log(`sdk-test: ${name.padEnd(20)} ${String(got[name].count).padStart(6)} in ${String(got[name].pages).padStart(3)} pages, ground truth ${want[name]} ${ok ? 'ok' : 'MISMATCH'}`);
    if (!ok) problem(`${name}: the client found ${got[name].count}, the ground truth says ${want[name]}`);
  }
  console.log(`sdk-test: ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    const detail = err?.response ? ` (HTTP ${err.response.status} ${JSON.stringify(err.response.data).slice(0, 300)})` : '';
    console.error(`sdk-test: error: ${err?.message ?? err}${detail}`);
    process.exit(1);
  },
);
