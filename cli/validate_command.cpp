#include "validate_command.hpp"

#include "core/duration.hpp"
#include "core/redact.hpp"
#include "delivery/mime.hpp"

#include <fmt/format.h>
#include <iostream>

namespace frr::cli {

namespace {

struct ValidateOptions {
    bool check_secrets = false;
};

void print_plan(const core::Config& c, std::ostream& out)
{
    out << fmt::format("config: {} is valid\n", c.file.string());
    out << fmt::format("store: {} (time zone {})\n", c.store.name, c.store.timezone);
    for (const auto* connector : {&c.source, &c.destination})
        out << fmt::format("{}: {}\n", connector->kind, connector->settings->describe());
    out << fmt::format(
        "checks: window {}, grace {}, stall after {}, volume look-back {} days, catch up at most {}\n",
        core::format_duration(c.checks.window), core::format_duration(c.checks.grace),
        core::format_duration(c.checks.stall_after), c.checks.volume_lookback_days,
        core::format_duration(c.checks.max_catch_up));
    std::vector<std::string> channels;
    const auto& d = c.delivery;
    if (d.email)
        channels.push_back(fmt::format(
            "email via {} to {} recipient(s){}", core::redact_url(d.email->smtp_url), d.email->to.size(),
            d.email->operator_to.empty()
                ? std::string()
                : fmt::format(", operator's copy to {}", d.email->operator_to.size())));
    if (d.slack)
        channels.push_back(fmt::format("slack ({})", d.slack->webhook_url.describe()));
    if (d.webhook)
        channels.push_back(fmt::format("webhook {}", core::redact_url(d.webhook->url)));
    if (d.outbox)
        channels.push_back(fmt::format("outbox {}", d.outbox->dir.string()));
    out << "delivery: "
        << (channels.empty() ? std::string("none configured") : fmt::format("{}", fmt::join(channels, "; ")))
        << "\n";
    if (d.heartbeat)
        out << fmt::format("heartbeat: {}\n", d.heartbeat->url.describe());
    out << fmt::format("state: {} (retention {}, keep at least {} runs)\n",
                       c.state.dir.empty() ? std::string("(from --state-dir)") : c.state.dir.string(),
                       core::format_duration(c.state.retention), c.state.keep_min);
    const auto& b = c.breaker;
    out << fmt::format("breaker: pause a platform after {} failed runs in a row, probe again after {}\n",
                       b.failures_to_open,
                       b.cool_down_runs > 0 ? fmt::format("{} skipped run{}", b.cool_down_runs,
                                                          b.cool_down_runs == 1 ? "" : "s")
                                            : core::format_duration(b.cool_down));
}

}  // namespace

Command make_validate_command(CLI::App& parent, GlobalOptions& /*globals*/)
{
    auto options = std::make_shared<ValidateOptions>();
    auto* app = parent.add_subcommand("validate", "Check the configuration and print what frr would do");
    app->add_flag("--check-secrets", options->check_secrets,
                  "Also check that every secret's environment variable or file is readable");
    return Command{app, [options](Environment& env) {
                       // The e-mail addresses are parsed now, not first at 6 a.m.
                       if (const auto& email = env.config().delivery.email) {
                           delivery::parse_mailbox(email->from, "delivery.email.from");
                           if (!email->to.empty())
                               delivery::parse_mailboxes(email->to, "delivery.email.to");
                           if (!email->operator_to.empty())
                               delivery::parse_mailboxes(email->operator_to, "delivery.email.operator_to");
                       }
                       print_plan(env.config(), env.out());
                       if (options->check_secrets) {
                           const auto& c = env.config();
                           for (const auto* connector : {&c.source, &c.destination})
                               for (const auto* s : connector->settings->secrets())
                                   if (!s->empty())
                                       (void)s->resolve();
                           env.out() << "secrets: every configured secret is readable\n";
                       }
                       return core::ExitCode::ok;
                   }};
}

}  // namespace frr::cli
