#include "woocommerce/wc_reports.hpp"

#include <date/tz.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <map>

#include "woocommerce/wc_records.hpp"

namespace frr::sim::woocommerce {

namespace {

struct Bucket {
    Money sales = 0;
    std::uint64_t orders = 0;
    std::uint64_t items = 0;
    Money shipping = 0;
    Money discount = 0;
    std::uint64_t customers = 0;
};

date::local_days parse_day(const std::string& text)
{
    const int y = std::stoi(text.substr(0, 4));
    const unsigned m = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
    const unsigned d = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
    return date::local_days(date::year(y) / date::month(m) / date::day(d));
}

bool counted(Status s)
{
    // WC_Report_Sales_By_Date: order_status completed, processing, on-hold, refunded.
    return s == Status::completed || s == Status::processing || s == Status::on_hold || s == Status::refunded;
}

void money_field(rapidjson::Writer<rapidjson::StringBuffer>& w, const char* key, Money m)
{
    w.Key(key);
    w.String(money_string(m).c_str());
}

}  // namespace

std::string sales_report_json(const Store& s, Time now, const std::string& period,
                              const std::optional<std::string>& date_min,
                              const std::optional<std::string>& date_max, const std::string& api_base)
{
    const date::time_zone* tz = date::locate_zone(s.shop.timezone);
    const date::local_days today = date::floor<date::days>(tz->to_local(now));
    const date::year_month_day ymd_today(today);
    date::local_days start = today;
    date::local_days end = today;
    bool by_month = false;
    if (date_min || date_max) {
        // calculate_current_range('custom'): a missing start is strtotime('') (the epoch), a
        // missing end today; up to three whole months are shown by day.
        start = date_min ? parse_day(*date_min) : date::local_days(date::year(1970) / 1 / 1);
        end = date_max ? parse_day(*date_max) : today;
        // strtotime("+1 MONTH") steps: Jan 31 + 1 month is Mar 3 (sys_days normalises the day).
        int interval = 0;
        for (date::local_days m = start;;) {
            m = date::local_days(date::year_month_day(m) + date::months(1));
            if (m > end)
                break;
            ++interval;
        }
        by_month = interval > 3;
    } else if (period == "month") {
        start = date::local_days(ymd_today.year() / ymd_today.month() / 1);
    } else if (period == "last_month") {
        const auto first = date::year_month_day(ymd_today.year() / ymd_today.month() / 1) - date::months(1);
        start = date::local_days(first);
        end = date::local_days(first.year() / first.month() / date::last);
    } else if (period == "year") {
        start = date::local_days(ymd_today.year() / 1 / 1);
        by_month = true;
    } else {  // week: the last seven days, today included
        start = today - date::days(6);
    }
    auto bucket_key = [&](date::local_days d) {
        return by_month ? date::format("%Y-%m", d) : date::format("%F", d);
    };
    std::map<std::string, Bucket> buckets;
    for (date::local_days d = start; d <= end; d += date::days(1))
        buckets[bucket_key(d)];
    auto local_day = [&](Time t) { return date::floor<date::days>(tz->to_local(t)); };
    Bucket total;
    Money refunds = 0;
    for (const Order& o : s.orders) {
        if (o.refunded_at && order_status(o) == Status::refunded) {
            const auto d = local_day(*o.refunded_at);
            if (d >= start && d <= end)
                refunds += o.total;
        }
        const auto d = local_day(o.created_at);
        if (d < start || d > end || !counted(order_status(o)))
            continue;
        Bucket& b = buckets[bucket_key(d)];
        std::uint64_t items = 0;
        auto lines = s.line_items_of(o);
        for (std::uint32_t i = 0; i < lines.size(); ++i)
            items += line_quantity(o, i, lines[i]);
        for (Bucket* x : {&b, &total}) {
            x->sales += o.total;
            ++x->orders;
            x->items += items;
            x->shipping += o.shipping;
            x->discount += o.discount;
        }
    }
    for (const Customer& c : s.customers) {
        if (!c.has_email())
            continue;
        const auto d = local_day(c.created_at);
        if (d < start || d > end)
            continue;
        ++buckets[bucket_key(d)].customers;
        ++total.customers;
    }
    const auto days = std::max<std::int64_t>(1, (end - start).count() + 1);
    const Money net = total.sales - total.shipping - refunds;
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartArray();
    w.StartObject();
    money_field(w, "total_sales", total.sales);
    money_field(w, "net_sales", net);
    money_field(w, "average_sales", net / days);
    w.Key("total_orders");
    w.Uint64(total.orders);
    w.Key("total_items");
    w.Uint64(total.items);
    money_field(w, "total_tax", 0);
    money_field(w, "total_shipping", total.shipping);
    w.Key("total_refunds");
    const std::string refunded = money_string(refunds);
    w.RawValue(refunded.c_str(), refunded.size(), rapidjson::kNumberType);
    money_field(w, "total_discount", total.discount);
    w.Key("totals_grouped_by");
    w.String(by_month ? "month" : "day");
    w.Key("totals");
    w.StartObject();
    for (const auto& [key, b] : buckets) {
        w.Key(key.c_str());
        w.StartObject();
        money_field(w, "sales", b.sales);
        w.Key("orders");
        w.Uint64(b.orders);
        w.Key("items");
        w.Uint64(b.items);
        money_field(w, "tax", 0);
        money_field(w, "shipping", b.shipping);
        money_field(w, "discount", b.discount);
        w.Key("customers");
        w.Uint64(b.customers);
        w.EndObject();
    }
    w.EndObject();
    w.Key("total_customers");
    w.Uint64(total.customers);
    w.Key("_links");
    w.StartObject();
    w.Key("about");
    w.StartArray();
    w.StartObject();
    w.Key("href");
    w.String((api_base + "/reports").c_str());
    w.EndObject();
    w.EndArray();
    w.EndObject();
    w.EndObject();
    w.EndArray();
    return buf.GetString();
}

}  // namespace frr::sim::woocommerce
