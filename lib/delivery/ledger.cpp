#include "delivery/ledger.hpp"

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/state_dir.hpp"
#include "core/time.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include <array>

namespace frr::delivery {

namespace {

constexpr std::array<const char*, 6> k_names{"attempting", "delivered",  "failed",
                                             "uncertain",  "superseded", "held"};

std::string str(const rapidjson::Value& doc, const char* name)
{
    auto it = doc.FindMember(name);
    return it != doc.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

}  // namespace

const char* to_string(LedgerState state)
{
    return k_names[static_cast<std::size_t>(state)];
}

std::optional<LedgerState> parse_ledger_state(std::string_view text)
{
    for (std::size_t i = 0; i < k_names.size(); ++i)
        if (text == k_names[i])
            return static_cast<LedgerState>(i);
    return std::nullopt;
}

std::filesystem::path Ledger::path(const std::string& report_id, const std::string& channel) const
{
    return m_dir / report_id / (channel + ".json");
}

std::optional<LedgerEntry> Ledger::get(const std::string& report_id, const std::string& channel) const
{
    auto p = path(report_id, channel);
    if (!std::filesystem::exists(p))
        return std::nullopt;
    auto text = core::read_file(p);
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    auto state = doc.IsObject() ? parse_ledger_state(str(doc, "state")) : std::nullopt;
    if (doc.HasParseError() || !state)
        throw core::Error(core::ExitCode::bad_input, "delivery ledger entry is unreadable", p.string(),
                          "check whether the report arrived, then delete the file to send it again or write "
                          "{\"state\": \"delivered\"} to skip it");
    LedgerEntry e;
    e.report_id = report_id;
    e.channel = channel;
    e.state = *state;
    if (auto it = doc.FindMember("attempts"); it != doc.MemberEnd() && it->value.IsInt())
        e.attempts = it->value.GetInt();
    e.first_attempt_at = core::parse_iso8601(str(doc, "first_attempt_at")).value_or(core::TimePoint{});
    e.updated_at = core::parse_iso8601(str(doc, "updated_at")).value_or(core::TimePoint{});
    e.confirmation = str(doc, "confirmation");
    e.error = str(doc, "error");
    e.message_id = str(doc, "message_id");
    e.superseded_by = str(doc, "superseded_by");
    return e;
}

void Ledger::put(const LedgerEntry& e) const
{
    std::filesystem::create_directories(m_dir / e.report_id);
    auto text = fmt::format(
        "{{\"report_id\": {}, \"channel\": {}, \"state\": {}, \"attempts\": {}, \"first_attempt_at\": {}, "
        "\"updated_at\": {}, \"confirmation\": {}, \"error\": {}, \"message_id\": {}, \"superseded_by\": "
        "{}}}\n",
        core::json_quote(e.report_id), core::json_quote(e.channel), core::json_quote(to_string(e.state)),
        e.attempts, core::json_quote(core::format_iso8601(e.first_attempt_at)),
        core::json_quote(core::format_iso8601(e.updated_at)), core::json_quote(e.confirmation),
        core::json_quote(e.error), core::json_quote(e.message_id), core::json_quote(e.superseded_by));
    core::atomic_write(path(e.report_id, e.channel), text, 0600);
}

}  // namespace frr::delivery
