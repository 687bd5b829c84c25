// The running simulator: control endpoints in-process, and the real binary's contract.
#include <catch2/catch.hpp>

#include <csignal>
#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

#include "sim_helpers.hpp"
#include "simulator.hpp"

using namespace frr::sim;
using namespace frr::sim::test;

TEST_CASE("control endpoints: clock, answer key, ground truth, faults, stats", "[sim][core]")
{
    Scenario sc = load_example("late-events");
    Simulator sim(sc, *sc.now, true);
    int port = sim.start();
    httplib::Client cli("127.0.0.1", port);

    auto key = cli.Get("/_sim/answer-key");
    REQUIRE(key);
    CHECK(key->status == 200);
    CHECK(key->body.find("\"scenario\":\"late-events\"") != std::string::npos);
    CHECK(key->body.find("order_missing_event") != std::string::npos);
    CHECK(key->body.find("order_event_late") == std::string::npos);

    auto moved = cli.Post("/_sim/clock", R"({"advance_seconds": 7201})", "application/json");
    REQUIRE(moved);
    CHECK(moved->body == "{\"now\":\"2026-11-27T14:00:01Z\"}");
    key = cli.Get("/_sim/answer-key");
    REQUIRE(key);
    CHECK(key->body.find("order_event_late") != std::string::npos);
    CHECK(cli.Get("/_sim/answer-key?window=banana")->status == 400);

    auto truth = cli.Get("/_sim/ground-truth?since=2026-11-26T00:00:00Z&until=2026-11-27T00:00:00Z");
    REQUIRE(truth);
    CHECK(truth->body.find("\"eligible_in_range\":") != std::string::npos);

    auto added =
        cli.Post("/_sim/faults", R"({"platform":"klaviyo","kind":"http_status","status":500,"count":1})",
                 "application/json");
    REQUIRE(added);
    CHECK(added->status == 200);
    CHECK(sim.context().take_fault(Platform::klaviyo, "/api/events"));
    CHECK_FALSE(sim.context().take_fault(Platform::klaviyo, "/api/events"));
    CHECK(cli.Post("/_sim/faults", R"({"platform":"x","kind":"reset"})", "application/json")->status == 400);
    cli.Post("/_sim/faults", R"({"platform":"shopify","kind":"reset"})", "application/json");
    CHECK(cli.Delete("/_sim/faults")->status == 200);
    CHECK(sim.context().faults().active().empty());
    auto stats = cli.Get("/_sim/stats");
    REQUIRE(stats);
    CHECK(stats->body.find("\"klaviyo\":{\"requests\":2") != std::string::npos);
    sim.stop();
}

TEST_CASE("the frr-sim binary prints its port, serves, and stops on SIGTERM", "[sim][core]")
{
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        std::string scenario = scenario_path("healthy").string();
        execl(FRR_SIM_BINARY, "frr-sim", "--scenario", scenario.c_str(), "--port", "0",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    close(out[1]);
    FILE* f = fdopen(out[0], "r");
    char line[128] = {};
    REQUIRE(std::fgets(line, sizeof line, f) != nullptr);
    std::string first = line;
    REQUIRE(first.rfind("listening on http://127.0.0.1:", 0) == 0);
    int port = std::stoi(first.substr(std::string("listening on http://127.0.0.1:").size()));
    httplib::Client cli("127.0.0.1", port);
    auto key = cli.Get("/_sim/answer-key");
    REQUIRE(key);
    CHECK(key->body.find("\"defects\":[]") != std::string::npos);
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    std::fclose(f);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
