#include "pipeline/fetch_breaker.hpp"

#include "text/json_writer.hpp"

#include "core/error.hpp"

#include <filesystem>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace frr::pipeline {

BreakerFile::BreakerFile(const core::StateDir& state, const core::BreakerConfig& config)
    : m_path(state.path("breaker.json")),
      m_config{config.failures_to_open, config.cool_down, config.cool_down_runs}
{
    if (!std::filesystem::exists(m_path))
        return;
    const std::string text = core::read_file(m_path);
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError() || !doc.IsObject())
        throw core::Error(core::ExitCode::bad_input, "the circuit-breaker file is not JSON", m_path.string(),
                          "delete it to reset the breakers");
    for (const auto& m : doc.GetObject()) {
        rapidjson::StringBuffer buffer;
        text::Utf8Writer<rapidjson::Writer<rapidjson::StringBuffer>> writer(buffer);
        m.value.Accept(writer);
        m_breakers.insert_or_assign(
            m.name.GetString(),
            net::CircuitBreaker::from_json(buffer.GetString(), m_config, m_path.string()));
    }
}

net::CircuitBreaker& BreakerFile::of(const std::string& platform)
{
    return m_breakers.try_emplace(platform, m_config).first->second;
}

void BreakerFile::save() const
{
    std::string out = "{";
    for (const auto& [name, breaker] : m_breakers)
        out += (out.size() > 1 ? "," : "") + std::string("\"") + name + "\":" + breaker.to_json();
    out += "}\n";
    core::atomic_write(m_path, out);
}

}  // namespace frr::pipeline
