#pragma once
// A RapidJSON writer that writes valid UTF-8 whatever it is handed: every string and key passes
// through to_valid_utf8 (ill-formed bytes become U+FFFD) before the base writer sees it. Every
// JSON file frr writes goes through one (snapshots, checks.json, scores, reports, state files),
// so a byte that arrived broken from a platform cannot make a file standard readers reject.
// Use it where a RapidJSON writer was: `text::Utf8Writer<rapidjson::Writer<StringBuffer>> w(buf)`;
// Document::Accept(w) works too, since RapidJSON calls the handler's own String()/Key().
#include "text/utf8.hpp"

#include <rapidjson/rapidjson.h>
#include <string>
#include <string_view>

namespace frr::text {

template <class Base> class Utf8Writer : public Base {
public:
    using Base::Base;
    using Ch = typename Base::Ch;

    bool String(const Ch* s, rapidjson::SizeType n, bool copy = false)
    {
        const std::string_view view(s, n);
        if (is_valid_utf8(view))
            return Base::String(s, n, copy);
        const std::string fixed = to_valid_utf8(view);
        return Base::String(fixed.data(), static_cast<rapidjson::SizeType>(fixed.size()), true);
    }
    bool String(const Ch* s)
    {
        return String(s, static_cast<rapidjson::SizeType>(std::char_traits<Ch>::length(s)));
    }
    bool String(const std::string& s) { return String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
    bool Key(const Ch* s, rapidjson::SizeType n, bool copy = false)
    {
        const std::string_view view(s, n);
        if (is_valid_utf8(view))
            return Base::Key(s, n, copy);
        const std::string fixed = to_valid_utf8(view);
        return Base::Key(fixed.data(), static_cast<rapidjson::SizeType>(fixed.size()), true);
    }
    bool Key(const Ch* s)
    {
        return Key(s, static_cast<rapidjson::SizeType>(std::char_traits<Ch>::length(s)));
    }
    bool Key(const std::string& s) { return Key(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
};

}  // namespace frr::text
