#include "send_command.hpp"

#include <fmt/format.h>
#include <iostream>

namespace frr::cli {

namespace {
struct SendCommandOptions {
    bool dry_run = false;
    bool resend = false;
};
}  // namespace

void print_send_result(const pipeline::SendResult& result, std::ostream& out)
{
    if (result.no_channels) {
        out << "send: no delivery channel is configured (delivery.email, slack, webhook or outbox)\n";
        return;
    }
    for (const auto& c : result.channels) {
        out << fmt::format("  {:<8} {:<15} {}", c.channel, delivery::to_string(c.status), c.report_id);
        if (c.resumed)
            out << " (finishing a send a crash interrupted)";
        if (c.status == delivery::ChannelStatus::already_sent)
            out << " (a report for the same moment already went out; --resend sends it anyway)";
        if (!c.folded.empty())
            out << fmt::format(" (+{} older folded in)", c.folded.size());
        if (!c.confirmation.empty())
            out << fmt::format(" — {}", c.confirmation);
        if (!c.error.empty())
            out << fmt::format(" — {}", c.error);
        out << "\n";
    }
}

Command make_send_command(CLI::App& parent, GlobalOptions& /*globals*/)
{
    auto o = std::make_shared<SendCommandOptions>();
    auto* app =
        parent.add_subcommand("send", "Deliver reports not yet delivered (email, Slack, webhook, outbox)");
    app->add_flag("--dry-run", o->dry_run, "Say what would be sent; send nothing, record nothing");
    app->add_flag("--resend", o->resend,
                  "Send the newest report again, even to channels that already have it (or another report "
                  "for the same --as-of); e-mail keeps its Message-ID so a duplicate stays detectable");
    return Command{app, [o](Environment& env) {
                       auto ctx = env.context();
                       auto lock =
                           ctx.state.lock(core::SystemClock().now());  // wall-clock start, not --as-of
                       pipeline::SendOptions options;
                       options.dry_run = o->dry_run ? delivery::DryRun::yes : delivery::DryRun::no;
                       options.resend = o->resend ? delivery::Resend::yes : delivery::Resend::no;
                       auto r = pipeline::run_send(ctx, options);
                       print_send_result(r, env.out());
                       return r.exit_code;
                   }};
}

}  // namespace frr::cli
