#include "profile_json.hpp"

#include "iso_time.hpp"

namespace frr::sim::klaviyo {

namespace {

void write_time_or_null(JsonWriter& w, std::string_view key, const std::optional<Time>& t)
{
    write_key(w, key);
    if (t) {
        write_string(w, klaviyo_time(*t));
    } else {
        w.Null();
    }
}

void write_email_marketing(JsonWriter& w, const Profile& p)
{
    w.StartObject();
    write_key(w, "can_receive_email_marketing");
    w.Bool(p.can_receive_email_marketing());
    write_key(w, "consent");
    write_string(w, consent_name(p.consent));
    write_time_or_null(w, "consent_timestamp", p.consent_at);
    write_time_or_null(w, "last_updated", p.consent_at);
    write_key(w, "method");
    if (p.consent_at) {
        write_string(w, "SHOPIFY");
    } else {
        w.Null();
    }
    write_key(w, "method_detail");
    write_string(w, "");
    write_key(w, "custom_method_detail");
    w.Null();
    write_key(w, "double_optin");
    w.Null();
    write_key(w, "suppression");
    w.StartArray();
    if (p.suppression != Suppression::none) {
        w.StartObject();
        write_key(w, "reason");
        write_string(w, suppression_name(p.suppression));
        write_time_or_null(w, "timestamp", p.suppressed_at);
        w.EndObject();
    }
    w.EndArray();
    write_key(w, "list_suppressions");
    w.StartArray();
    w.EndArray();
    w.EndObject();
}

void write_subscriptions(JsonWriter& w, const Profile& p)
{
    w.StartObject();
    write_key(w, "email");
    w.StartObject();
    write_key(w, "marketing");
    write_email_marketing(w, p);
    w.EndObject();
    write_key(w, "sms");
    w.StartObject();
    write_key(w, "marketing");
    w.StartObject();
    write_key(w, "can_receive_sms_marketing");
    w.Bool(false);
    write_key(w, "consent");
    write_string(w, "NEVER_SUBSCRIBED");
    write_key(w, "consent_timestamp");
    w.Null();
    write_key(w, "method");
    w.Null();
    write_key(w, "method_detail");
    write_string(w, "");
    write_key(w, "last_updated");
    w.Null();
    w.EndObject();
    w.EndObject();
    w.EndObject();
}

void write_location(JsonWriter& w)
{
    w.StartObject();
    for (const char* key : {"address1", "address2", "city", "country", "latitude", "longitude", "region",
                            "zip", "timezone", "ip"}) {
        write_key(w, key);
        w.Null();
    }
    w.EndObject();
}

}  // namespace

std::string klaviyo_time(Time t)
{
    return format_iso8601(std::chrono::time_point_cast<std::chrono::microseconds>(t));
}

ProfileView profile_view(const ApiRequest& request)
{
    ProfileView view;
    view.subscriptions = request.list_param("additional-fields[profile]").count("subscriptions") != 0;
    view.fields = request.list_param("fields[profile]");
    return view;
}

void write_profile(JsonWriter& w, const ApiRequest& request, const Profile& p, const ProfileView& view)
{
    // Sparse fieldsets: a top-level attribute is written when asked for by name or by a dotted
    // path below it (fields[profile]=subscriptions.email.marketing.consent keeps subscriptions).
    auto wanted = [&](std::string_view name) {
        if (view.fields.empty()) {
            return true;
        }
        for (const auto& f : view.fields) {
            if (f == name ||
                (f.size() > name.size() && f.compare(0, name.size(), name) == 0 && f[name.size()] == '.')) {
                return true;
            }
        }
        return false;
    };
    const std::string url = request.resource_url("profiles", p.id_view());
    w.StartObject();
    write_key(w, "type");
    write_string(w, "profile");
    write_key(w, "id");
    write_string(w, p.id_view());
    write_key(w, "attributes");
    w.StartObject();
    if (wanted("email"))
        write_string_or_null(w, "email", p.email);
    if (wanted("phone_number"))
        write_string_or_null(w, "phone_number", p.phone);
    if (wanted("external_id"))
        write_string_or_null(w, "external_id", "");
    if (wanted("first_name"))
        write_string_or_null(w, "first_name", p.first_name);
    if (wanted("last_name"))
        write_string_or_null(w, "last_name", p.last_name);
    for (const char* absent : {"organization", "locale", "title", "image"}) {
        if (wanted(absent))
            write_string_or_null(w, absent, "");
    }
    if (wanted("created"))
        write_time_or_null(w, "created", p.created_at);
    if (wanted("updated"))
        write_time_or_null(w, "updated", p.updated_at);
    if (wanted("last_event_date"))
        write_time_or_null(w, "last_event_date", std::nullopt);
    if (wanted("location")) {
        write_key(w, "location");
        write_location(w);
    }
    if (wanted("properties")) {
        // As seen on live Shopify-synced profiles (§4).
        write_key(w, "properties");
        w.StartObject();
        write_key(w, "Accepts Marketing");
        w.Bool(p.consent == Consent::subscribed);
        write_key(w, "Shopify Tags");
        w.StartArray();
        w.EndArray();
        write_key(w, "$source");
        w.Int(-5);
        w.EndObject();
    }
    if (view.joined_group_at && wanted("joined_group_at")) {
        write_time_or_null(w, "joined_group_at", view.joined_group_at);
    }
    if (view.subscriptions && wanted("subscriptions")) {
        write_key(w, "subscriptions");
        write_subscriptions(w, p);
    }
    w.EndObject();
    write_relationships_and_self(w, url, {"lists", "segments", "push-tokens", "conversations"});
    w.EndObject();
}

}  // namespace frr::sim::klaviyo
