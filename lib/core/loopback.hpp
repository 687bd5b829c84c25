#pragma once
// Whether a host name is this machine, the one place plain http:// (the simulator,
// a local relay) and SMTP without TLS are allowed. One definition for the config
// check, the transport's refusal and the mail channel.
#include <string_view>

namespace frr::core {

// "localhost", "::1" (also written 0:0:0:0:0:0:0:1), or a dotted quad 127.a.b.c with
// exactly four decimal octets 0..255: "127.0.0.1.example.com" is not. ASCII case is
// ignored; IPv6 literals come without their brackets.
bool is_loopback_host(std::string_view host);

}  // namespace frr::core
