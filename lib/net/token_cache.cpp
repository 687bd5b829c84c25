#include "net/token_cache.hpp"

#include "text/json_writer.hpp"

#include "core/error.hpp"
#include "core/state_dir.hpp"
#include "core/time.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <system_error>

namespace frr::net {

namespace {

constexpr int k_cache_version = 1;

[[noreturn]] void corrupt(const std::filesystem::path& path, std::string_view why)
{
    throw core::Error(core::ExitCode::bad_input, fmt::format("the token cache is not readable: {}", why),
                      path.string(),
                      "delete it; if the refresh token had rotated, re-authorise the app and update the "
                      "configured refresh token");
}

std::string string_member(const rapidjson::Value& doc, const char* key, const std::filesystem::path& path)
{
    if (!doc.HasMember(key))
        return {};
    if (!doc[key].IsString())
        corrupt(path, fmt::format("\"{}\" is not a string", key));
    return doc[key].GetString();
}

}  // namespace

std::optional<CachedTokens> load_token_cache(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return std::nullopt;
    core::require_private_file(path);
    const std::string text = core::read_file(path);
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    if (doc.HasParseError() || !doc.IsObject())
        corrupt(path, "not a JSON object");
    if (!doc.HasMember("version") || !doc["version"].IsInt() || doc["version"].GetInt() != k_cache_version)
        corrupt(path, "unknown version");
    CachedTokens out;
    out.refresh_token = string_member(doc, "refresh_token", path);
    if (out.refresh_token.empty())
        corrupt(path, "no refresh token");
    out.seed_sha256 = string_member(doc, "seed_sha256", path);
    out.access_token = string_member(doc, "access_token", path);
    if (auto at = string_member(doc, "access_expires_at", path); !at.empty()) {
        out.access_expires_at = core::parse_iso8601(at);
        if (!out.access_expires_at)
            corrupt(path, "\"access_expires_at\" is not an ISO-8601 time");
    }
    return out;
}

void save_token_cache(const std::filesystem::path& path, const CachedTokens& tokens)
{
    rapidjson::StringBuffer buffer;
    text::Utf8Writer<rapidjson::Writer<rapidjson::StringBuffer>> w(buffer);
    w.StartObject();
    w.Key("version");
    w.Int(k_cache_version);
    w.Key("refresh_token");
    w.String(tokens.refresh_token.c_str());
    w.Key("seed_sha256");
    w.String(tokens.seed_sha256.c_str());
    w.Key("access_token");
    w.String(tokens.access_token.c_str());
    w.Key("access_expires_at");
    w.String(tokens.access_expires_at ? core::format_iso8601(*tokens.access_expires_at).c_str() : "");
    w.EndObject();
    core::atomic_write(path, std::string(buffer.GetString(), buffer.GetSize()) + "\n", 0600);
}

}  // namespace frr::net
