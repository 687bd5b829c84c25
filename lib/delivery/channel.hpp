#pragma once
// One interface for every delivery channel (SMTP, Slack, webhook, outbox).
// A channel makes one logical delivery, retrying inside as its protocol
// allows, and says how it ended, including the server's confirmation.
#include "delivery/outgoing.hpp"

#include <string>

namespace frr::delivery {

// May a delivery whose outcome is unknown (killed mid-send, connection lost
// after the data went out) be repeated without risking a duplicate?
enum class Replay {
    safe,    // the receiver de-duplicates (webhook Idempotency-Key) or it is a file rewrite (outbox)
    unsafe,  // a repeat may reach the client twice (SMTP, Slack)
};

enum class OutcomeKind {
    delivered,  // the receiver confirmed (SMTP 250, HTTP 2xx, file renamed into place)
    temporary,  // refused or unreachable, retries exhausted: not delivered, try again next run
    permanent,  // refused for good (SMTP 5xx, HTTP 4xx): not delivered, needs a fix
    uncertain,  // the message may have been accepted but no confirmation came back
};

struct DeliveryOutcome {
    OutcomeKind kind = OutcomeKind::temporary;
    std::string confirmation;  // "250 2.0.0 Message accepted", "HTTP 200 ok"; never secret
    std::string error;         // redacted, for logs and the ledger
    int attempts = 0;
};

class Channel {
public:
    virtual ~Channel() = default;
    virtual std::string name() const = 0;  // "email", "slack", "webhook", "outbox"
    virtual Replay replay() const = 0;
    // Never throws for delivery failures; they are outcomes.
    virtual DeliveryOutcome deliver(const OutgoingReport& report) = 0;
    // The message's own id when the protocol has one (SMTP Message-ID), for the ledger.
    virtual std::string message_id(const OutgoingReport&) const { return {}; }
};

const char* to_string(OutcomeKind kind);

}  // namespace frr::delivery
