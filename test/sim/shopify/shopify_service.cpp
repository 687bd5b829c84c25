#include "shopify_service.hpp"

#include <cmath>
#include <cstdio>

#include <rapidjson/document.h>

#include "cost.hpp"
#include "exec_state.hpp"
#include "graphql_parser.hpp"
#include "schema.hpp"

namespace frr::sim::shopify {

namespace {

constexpr std::string_view k_rate_limit_docs = "https://shopify.dev/api/usage/rate-limits";

void write_path(JsonWriter& w, const std::vector<PathElement>& path)
{
    w.StartArray();
    for (const auto& element : path) {
        if (element.index >= 0)
            w.Int(element.index);
        else
            w.String(element.key.c_str());
    }
    w.EndArray();
}

// {"requestedQueryCost":..,"actualQueryCost":..,"throttleStatus":{..}}:
// maximumAvailable and restoreRate as floats, currentlyAvailable an integer.
void write_cost(JsonWriter& w, int requested, std::optional<int> actual, double size, int available,
                double rate)
{
    w.Key("cost");
    w.StartObject();
    w.Key("requestedQueryCost");
    w.Int(requested);
    w.Key("actualQueryCost");
    actual ? w.Int(*actual) : w.Null();
    w.Key("throttleStatus");
    w.StartObject();
    w.Key("maximumAvailable");
    w.Double(size);
    w.Key("currentlyAvailable");
    w.Int(available);
    w.Key("restoreRate");
    w.Double(rate);
    w.EndObject();
    w.EndObject();
}

std::string
error_body(const std::vector<std::pair<std::string, std::optional<std::pair<int, int>>>>& messages)
{
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("errors");
    w.StartArray();
    for (const auto& [message, location] : messages) {
        w.StartObject();
        w.Key("message");
        w.String(message.c_str());
        if (location) {
            w.Key("locations");
            w.StartArray();
            w.StartObject();
            w.Key("line");
            w.Int(location->first);
            w.Key("column");
            w.Int(location->second);
            w.EndObject();
            w.EndArray();
        }
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string operation_label(const Document& document, const std::string& name)
{
    for (const auto& operation : document.operations) {
        if (name.empty() || operation.name == name) {
            std::string kind = operation.type == OperationType::Mutation ? "mutation" : "query";
            return operation.name.empty() ? kind : kind + " " + operation.name;
        }
    }
    return "query";
}

}  // namespace

ShopifyService::ShopifyService(SimContext& ctx)
    : m_ctx(ctx),
      m_index(ctx.store()),
      m_bulk(m_index, ctx.store().seed)
{
}

std::string ShopifyService::next_request_id()
{
    std::uint64_t n = ++m_requests;
    std::uint64_t a = (m_ctx.store().seed + 0x9E3779B97F4A7C15ULL * n) ^ 0xD1B54A32D192ED03ULL;
    std::uint64_t b = a * 0xBF58476D1CE4E5B9ULL + n;
    char text[80];
    std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%012llx-%lld", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>(a & 0xFFFF), static_cast<unsigned>((b >> 52) & 0xFFF),
                  static_cast<unsigned>(0x8000 | ((b >> 36) & 0x3FFF)),
                  static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL),
                  static_cast<long long>(m_ctx.now().time_since_epoch().count()));
    return text;
}

HttpAnswer ShopifyService::throttled(int requested, const BucketDecision& decision)
{
    const Shop& shop = m_ctx.store().shop;
    m_ctx.count_throttled(Platform::shopify);
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("errors");
    w.StartArray();
    w.StartObject();
    w.Key("message");
    w.String("Throttled");
    if (shop.throttle_mode != ShopifyThrottleMode::legacy_message) {
        w.Key("extensions");
        w.StartObject();
        w.Key("code");
        w.String("THROTTLED");
        w.Key("documentation");
        w.String(k_rate_limit_docs.data(), static_cast<rapidjson::SizeType>(k_rate_limit_docs.size()));
        w.EndObject();
    }
    w.EndObject();
    w.EndArray();
    w.Key("extensions");
    w.StartObject();
    write_cost(w, requested, std::nullopt, shop.bucket_size, decision.currently_available,
               shop.restore_rate / std::max(m_ctx.rate_limit_scale(), 1e-9));
    w.EndObject();
    w.EndObject();
    HttpAnswer answer;
    answer.body.assign(buffer.GetString(), buffer.GetSize());
    if (shop.throttle_mode == ShopifyThrottleMode::http_429) {
        answer.status = 429;
        auto wait = std::chrono::duration<double>(decision.retry_after).count();
        answer.headers.emplace_back("Retry-After",
                                    std::to_string(std::max(1, static_cast<int>(std::ceil(wait)))));
    }
    return answer;
}

HttpAnswer ShopifyService::graphql(std::string_view requested_version, std::string_view token,
                                   const std::string& body, const DataFaults& faults)
{
    const Store& store = m_ctx.store();
    const Shop& shop = store.shop;
    const ApiVersion version = serving_version(requested_version, shop.api_versions);
    const std::string request_id = next_request_id();
    HttpAnswer answer;
    answer.headers = {{"X-Request-Id", request_id}, {"X-Shopify-API-Version", version.handle()}};
    auto finish = [&](HttpAnswer a) {
        a.headers.insert(a.headers.end(), answer.headers.begin(), answer.headers.end());
        return a;
    };
    const Time now = m_ctx.now();
    TokenInfo info = m_ctx.credentials().check(Platform::shopify, token, now);
    if (info.status != TokenStatus::ok) {
        answer.status = 401;
        answer.body = std::string(k_invalid_token_body);
        return answer;
    }
    rapidjson::Document request;
    request.Parse(body.c_str(), body.size());
    auto query_member = request.IsObject() ? request.FindMember("query") : rapidjson::Value::MemberIterator{};
    if (request.HasParseError() || !request.IsObject() || query_member == request.MemberEnd() ||
        !query_member->value.IsString()) {
        answer.status = 400;
        answer.body = R"({"errors":{"query":"Required parameter missing or invalid"}})";
        return answer;
    }
    if (faults.internal_error) {
        answer.body =
            R"({"errors":[{"message":"Internal error. Looks like something went wrong on our end.\nRequest ID: )" +
            request_id +
            R"( (include this in support requests).","extensions":{"code":"INTERNAL_SERVER_ERROR","requestId":")" +
            request_id + "\"}}]}";
        return answer;
    }
    std::string operation_name;
    if (auto it = request.FindMember("operationName"); it != request.MemberEnd() && it->value.IsString()) {
        operation_name = it->value.GetString();
    }
    const rapidjson::Value* variables = nullptr;
    if (auto it = request.FindMember("variables"); it != request.MemberEnd())
        variables = &it->value;

    Document document;
    ResolvedOperation operation;
    try {
        document = parse_document(
            std::string_view(query_member->value.GetString(), query_member->value.GetStringLength()));
        operation = resolve_operation(document, operation_name, variables);
    } catch (const GraphqlError& error) {
        answer.body = error_body({{error.what(), std::pair{error.line(), error.column()}}});
        if (!error.problem().empty()) {
            // graphql-ruby's shape for a variable that does not coerce: the value and why.
            rapidjson::Document with_problem;
            with_problem.Parse(answer.body.c_str());
            auto& a = with_problem.GetAllocator();
            rapidjson::Value problem(rapidjson::kObjectType);
            problem.AddMember("path", rapidjson::Value(rapidjson::kArrayType), a);
            problem.AddMember("explanation", rapidjson::Value(error.problem().c_str(), a), a);
            rapidjson::Value problems(rapidjson::kArrayType);
            problems.PushBack(problem, a);
            rapidjson::Value extensions(rapidjson::kObjectType);
            extensions.AddMember("problems", problems, a);
            with_problem["errors"][0].AddMember("extensions", extensions, a);
            rapidjson::StringBuffer buffer;
            JsonWriter w(buffer);
            with_problem.Accept(w);
            answer.body.assign(buffer.GetString(), buffer.GetSize());
        }
        return answer;
    }
    const std::string label = operation_label(document, operation_name);
    const std::string root = operation.type == OperationType::Mutation ? "Mutation" : "QueryRoot";
    auto invalid = validate(operation.fields, root, version, label);
    if (!invalid.empty()) {
        rapidjson::StringBuffer buffer;
        JsonWriter w(buffer);
        w.StartObject();
        w.Key("errors");
        w.StartArray();
        for (const auto& e : invalid) {
            w.StartObject();
            w.Key("message");
            w.String(e.message.c_str());
            w.Key("locations");
            w.StartArray();
            w.StartObject();
            w.Key("line");
            w.Int(e.line);
            w.Key("column");
            w.Int(e.column);
            w.EndObject();
            w.EndArray();
            w.Key("path");
            w.StartArray();
            for (const auto& p : e.path)
                w.String(p.c_str());
            w.EndArray();
            w.Key("extensions");
            w.StartObject();
            w.Key("code");
            w.String(e.code.c_str());
            if (!e.type_name.empty()) {
                w.Key("typeName");
                w.String(e.type_name.c_str());
            }
            if (!e.field_name.empty()) {
                w.Key("fieldName");
                w.String(e.field_name.c_str());
            }
            w.EndObject();
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        answer.body.assign(buffer.GetString(), buffer.GetSize());
        return answer;
    }
    if (operation.type == OperationType::Query) {
        auto page_errors = page_argument_errors(operation.fields, version, label);
        if (!page_errors.empty()) {
            std::vector<std::pair<std::string, std::optional<std::pair<int, int>>>> messages;
            for (const auto& e : page_errors)
                messages.emplace_back(e.message, std::nullopt);
            answer.body = error_body(messages);
            return answer;
        }
    }
    const int requested = requested_cost(operation.fields, operation.type, version);
    if (requested > k_max_query_cost) {
        std::string cost = std::to_string(requested);
        answer.body = R"({"errors":[{"message":"Query cost is )" + cost +
            R"(, which exceeds the single query max cost limit (1000).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/api/usage/bulk-operations/queries for usage details.\n","extensions":{"code":"MAX_COST_EXCEEDED","cost":)" +
            cost + R"(,"maxCost":1000,"documentation":"https://shopify.dev/api/usage/rate-limits"}}]})";
        return answer;
    }
    // The bucket restores restore_rate/scale points per limiter second, and the
    // body's restoreRate says so: a client that paces from throttleStatus (as
    // Shopify asks) must see the bucket it really talks to. Sizes stay unscaled.
    const double scaled_rate = shop.restore_rate / std::max(m_ctx.rate_limit_scale(), 1e-9);
    const std::string bucket_key = info.owner.empty() ? std::string(token) : info.owner;
    BucketDecision decision =
        m_buckets.take(bucket_key, shop.bucket_size, scaled_rate, requested, m_ctx.clock().limiter_now());
    if (!decision.allowed) {
        // Retry-After reports the scaled wait (SimContext contract).
        return finish(throttled(requested, decision));
    }

    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    ExecState st{m_index, version, now, info.scopes, w};
    st.redact_customer_data = faults.partial;
    st.short_pages = faults.short_page;
    st.bulk = &m_bulk;
    st.owner = bucket_key;
    st.base_url = m_ctx.base_url();
    w.StartObject();
    w.Key("data");
    if (operation.type == OperationType::Mutation)
        execute_mutation(st, operation.fields);
    else
        execute_query(st, operation.fields);
    const int actual =
        operation.type == OperationType::Mutation ? requested : std::min(st.meter.cost(), requested);
    const int available = m_buckets.refund(bucket_key, requested - actual, m_ctx.clock().limiter_now());
    if (!st.errors.empty()) {
        w.Key("errors");
        w.StartArray();
        for (const auto& e : st.errors) {
            w.StartObject();
            w.Key("message");
            w.String(e.message.c_str());
            w.Key("locations");
            w.StartArray();
            w.EndArray();
            w.Key("path");
            write_path(w, e.path);
            if (!e.code.empty()) {
                w.Key("extensions");
                w.StartObject();
                w.Key("code");
                w.String(e.code.c_str());
                w.EndObject();
            }
            w.EndObject();
        }
        w.EndArray();
    }
    w.Key("extensions");
    w.StartObject();
    write_cost(w, requested, actual, shop.bucket_size, available, scaled_rate);
    if (!st.search_reports.empty()) {
        w.Key("search");
        w.StartArray();
        for (const auto& report : st.search_reports) {
            w.StartObject();
            w.Key("path");
            write_path(w, report.path);
            w.Key("query");
            w.String(report.query.c_str());
            w.Key("warnings");
            w.StartArray();
            for (const auto& warning : report.warnings) {
                w.StartObject();
                w.Key("field");
                w.String(warning.field.c_str());
                w.Key("message");
                w.String(warning.message.c_str());
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        }
        w.EndArray();
    }
    w.EndObject();
    w.EndObject();
    answer.body.assign(buffer.GetString(), buffer.GetSize());
    return answer;
}

}  // namespace frr::sim::shopify
