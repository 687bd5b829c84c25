#pragma once
// Client-side rate limiting for both platforms, so requests go out at the
// bound the platform allows instead of collecting throttle errors. Both
// limiters compute waits from an injected steady time; callers sleep.
// Both are thread-safe.
#include "net/pacer.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace frr::net {

// Shopify's leaky bucket, as reported in extensions.cost.throttleStatus
// (api/shopify.md section 2). Values are points; restore_rate is points/second.
struct ThrottleStatus {
    double maximum_available = 0.0;
    double currently_available = 0.0;
    double restore_rate = 0.0;
};

// A model of the Shopify cost bucket: learns from every response and answers
// how long to wait before a query of a given requested cost is affordable.
// Until the first observation nothing is known and no wait is imposed (the
// first answer teaches the real size). A query dearer than the whole bucket
// waits until the bucket is full; Shopify then rejects it (MAX_COST_EXCEEDED),
// which is the caller's error to report.
//
// Concurrent queries: points reserved for a query stay "in flight" until its
// answer is observed. An answer's throttleStatus may predate queries sent since,
// so the model is the server's view minus what is still in flight; a query the
// server had already counted is then counted twice for a moment, which errs
// towards waiting instead of being THROTTLED.
class CostBucket {
public:
    // Replaces the model with the server's view at `now`, less the points still in
    // flight; `answered` (the points this answer's query reserved) leaves flight.
    void observe(const ThrottleStatus& status, SteadyTime now, double answered = 0.0);
    // An answer without a throttleStatus (an error, no response): its points leave flight.
    void release(double answered);
    bool learned() const;
    // Points expected available at `now` (negative while reservations are owed).
    std::optional<double> estimate(SteadyTime now) const;
    // How long to wait before sending a query of `requested_cost` points.
    std::chrono::milliseconds wait_before(double requested_cost, SteadyTime now) const;
    // wait_before, and the points are spent at (now + wait) so concurrent
    // queries share the bucket instead of each assuming it is theirs.
    std::chrono::milliseconds reserve(double requested_cost, SteadyTime now);

private:
    double estimate_locked(SteadyTime at) const;
    std::chrono::milliseconds wait_locked(double requested_cost, SteadyTime now) const;

    mutable std::mutex m_mutex;
    std::optional<ThrottleStatus> m_status;  // currently_available holds at m_anchor
    SteadyTime m_anchor{};
    double m_in_flight = 0.0;  // reserved by queries whose answer has not been observed
};

// What a cost-based API said about one answer; only the connector can read its body.
struct CostReading {
    std::optional<ThrottleStatus> status;  // the bucket after (or at) this answer
    std::optional<double> requested_cost;  // what the server says the query costs
    bool throttled = false;                // refused for want of points
};
using CostReader = std::function<CostReading(const HttpResult&)>;

// One query's view of the shared CostBucket, for execute(): every attempt
// (retries included) reserves the query's cost first (nothing while it is
// unknown). From each answer, through `read`, the bucket learns the server's
// view and the pacer the query's real cost; after a throttle with both known it
// paces the retry itself (the refill time), instead of a blind backoff.
class CostPacer final : public Pacer {
public:
    CostPacer(CostBucket& bucket, double requested_cost, CostReader read = {})
        : m_bucket(bucket),
          m_cost(requested_cost),
          m_read(std::move(read))
    {
    }
    std::chrono::milliseconds reserve(SteadyTime now) override;
    void observe(const HttpResult& result, SteadyTime now) override;
    bool paces_retry() const override { return m_paces_retry; }
    double cost() const { return m_cost; }

private:
    CostBucket& m_bucket;
    double m_cost;
    CostReader m_read;
    double m_reserved = 0.0;  // points the attempt in flight reserved
    bool m_paces_retry = false;
};

// What each query document costs, learned from the server once. A document nobody has sent yet
// has an unknown cost, so its first attempt goes out unpaced and may be THROTTLED; with several
// workers asking for the same new document at once, each would be such a guess. acquire() lets
// one caller at a time learn a document: the others wait until its first answer names the cost
// (learn()) or it gives up (Learning's destructor), and then go out paced.
class CostBook {
public:
    // While a Learning for a document lives, its holder is the one caller sending that document
    // unpaced; destroying it lets the next caller learn, if the cost is still unknown.
    class Learning {
    public:
        Learning() = default;
        Learning(CostBook* book, std::string document) : m_book(book), m_document(std::move(document)) { }
        Learning(Learning&& other) noexcept
            : m_book(std::exchange(other.m_book, nullptr)),
              m_document(std::move(other.m_document))
        {
        }
        Learning& operator=(Learning&& other) noexcept
        {
            if (this != &other) {
                finish();
                m_book = std::exchange(other.m_book, nullptr);
                m_document = std::move(other.m_document);
            }
            return *this;
        }
        Learning(const Learning&) = delete;
        Learning& operator=(const Learning&) = delete;
        ~Learning() { finish(); }

    private:
        void finish() noexcept;

        CostBook* m_book = nullptr;
        std::string m_document;
    };

    struct Acquired {
        double cost = 0.0;  // 0: unknown, and `learning` makes this caller its learner
        Learning learning;
    };
    // The document's known cost, or 0 and the learner's part. Blocks while another caller is
    // learning the same document.
    Acquired acquire(const std::string& document);
    // The server named the document's requested cost.
    void learn(const std::string& document, double cost);

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::unordered_map<std::string, double> m_costs;
    std::unordered_set<std::string> m_learning;
};

// Klaviyo's two fixed windows per endpoint tier (api/klaviyo.md section 5):
// `burst` requests per second and `steady` requests per minute. The client
// keeps a sliding log of sends, which is at least as strict as any fixed window
// of the same length, and corrects itself from the RateLimit-* headers (they
// describe the steady window) and from a 429's Retry-After.
class WindowLimiter final : public Pacer {
public:
    static constexpr std::chrono::seconds k_burst_window{1};
    static constexpr std::chrono::seconds k_steady_window{60};

    WindowLimiter(int burst_per_second, int steady_per_minute);

    // How long until one more send fits both windows and the server's hints.
    std::chrono::milliseconds wait_before(SteadyTime now) const;
    // Counts a send made at `now`.
    void record(SteadyTime now);
    // wait_before and record at (now + wait), atomically.
    std::chrono::milliseconds reserve(SteadyTime now) override;

    // RateLimit-Limit / -Remaining / -Reset (seconds) from a non-429 answer. A
    // different limit replaces the steady limit (the server knows the tier);
    // `remaining` sends are allowed until the reset, counted from `now`.
    void observe_headers(int limit, int remaining, std::chrono::seconds reset, SteadyTime now);
    // Reads the headers above, and holds every send until a 429's Retry-After has passed.
    void observe(const HttpResult& result, SteadyTime now) override;

    int burst() const;
    int steady() const;

private:
    struct ServerHint {
        int remaining = 0;
        SteadyTime reset_at{};
        SteadyTime observed_at{};
    };
    SteadyTime earliest_locked(SteadyTime now) const;
    void prune_locked(SteadyTime now);

    mutable std::mutex m_mutex;
    int m_burst;
    int m_steady;
    std::deque<SteadyTime> m_sent;  // sorted; may hold future reservations
    std::optional<ServerHint> m_hint;
    SteadyTime m_blocked_until{};
};

}  // namespace frr::net
