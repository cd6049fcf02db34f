// A seeded generator of fleets and policies of realistic shape, for the benchmarks and the batch
// property tests: 100–250 programs per client drawn from a vocabulary of thousands of real-looking
// Add/Remove-Programs names (popular ones far more often, as in a real fleet), 40–120 update
// records, 0–2 anti-virus products, the PC-security settings, ~10 custom fields, and some sections
// absent. Client i depends only on (seed, i, generation), so any slice of a fleet can be
// regenerated, and bumping a client's generation gives it a changed snapshot.
//
// The generator uses its own integer arithmetic rather than <random>'s distributions, whose
// output differs between standard libraries: the same seed gives the same bytes everywhere.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "posture/policy.hpp"
#include "posture/time.hpp"

namespace posture::bench {

/// splitmix64: small, fast and good enough to drive a generator.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n).
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  /// Uniform in [lo, hi].
  std::uint64_t between(std::uint64_t lo, std::uint64_t hi) { return lo + below(hi - lo + 1); }
  /// True with probability per_mille / 1000.
  bool chance(unsigned per_mille) { return below(1000) < per_mille; }
  /// Skewed towards 0: popular items come first. The square of a uniform variate puts half of
  /// the draws in the first quarter of the range.
  std::uint64_t skewed(std::uint64_t n) {
    std::uint64_t u = below(1u << 16);
    return (u * u * n) >> 32;
  }

 private:
  std::uint64_t s_;
};

inline std::uint64_t mix_seed(std::uint64_t a, std::uint64_t b) {
  Rng r(a ^ (b * 0xd1342543de82ef95ull));
  return r.next();
}

/// The proportions of a generated fleet.
struct FleetShape {
  unsigned programs_min = 100, programs_max = 250;
  unsigned updates_min = 40, updates_max = 120;
  unsigned antivirus_max = 2;
  unsigned fields = 10;
  unsigned absent_per_mille = 20;    ///< each section is absent from this share of clients
  unsigned unmanaged_per_mille = 5;  ///< clients with security management disabled
  unsigned missing_update_per_mille = 60;
};

/// The reference time generated fleets are consistent with (definition dates, password ages).
inline Timestamp generator_reference_time() { return start_of(make_date(2026, 11, 20)); }

namespace detail {

struct Family {
  std::string_view publisher;
  std::string_view name;
  unsigned major_max;  ///< versions are "<major>.<minor>.<build>[.<rev>]"
};

// Real products as they appear in Add/Remove Programs. Variants (architecture, language,
// edition) multiply them into a vocabulary of thousands.
inline constexpr Family families[] = {
    {"Microsoft Corporation", "Microsoft Edge", 130},
    {"Microsoft Corporation", "Microsoft Edge WebView2 Runtime", 130},
    {"Microsoft Corporation", "Microsoft OneDrive", 24},
    {"Microsoft Corporation", "Microsoft Teams", 24},
    {"Microsoft Corporation", "Microsoft 365 Apps for enterprise", 16},
    {"Microsoft Corporation", "Microsoft Office Professional Plus 2016", 16},
    {"Microsoft Corporation", "Microsoft Office Standard 2019", 16},
    {"Microsoft Corporation", "Microsoft Visual C++ 2015-2022 Redistributable", 14},
    {"Microsoft Corporation", "Microsoft Visual C++ 2013 Redistributable", 12},
    {"Microsoft Corporation", "Microsoft Visual C++ 2010  Redistributable", 10},
    {"Microsoft Corporation", "Microsoft Visual C++ 2008 Redistributable", 9},
    {"Microsoft Corporation", "Microsoft .NET Runtime", 8},
    {"Microsoft Corporation", "Microsoft Windows Desktop Runtime", 8},
    {"Microsoft Corporation", "Microsoft ASP.NET Core Shared Framework", 8},
    {"Microsoft Corporation", "Microsoft Update Health Tools", 5},
    {"Microsoft Corporation", "Microsoft Visual Studio Code", 1},
    {"Microsoft Corporation", "Microsoft SQL Server 2019 LocalDB", 15},
    {"Microsoft Corporation", "Microsoft ODBC Driver 17 for SQL Server", 17},
    {"Microsoft Corporation", "Microsoft OLE DB Driver for SQL Server", 18},
    {"Microsoft Corporation", "Microsoft Power BI Desktop", 2},
    {"Microsoft Corporation", "Microsoft PowerToys", 0},
    {"Microsoft Corporation", "Microsoft Azure CLI", 2},
    {"Microsoft Corporation", "Microsoft Intune Management Extension", 1},
    {"Microsoft Corporation", "Microsoft Policy Platform", 68},
    {"Microsoft Corporation", "Microsoft Silverlight", 5},
    {"Microsoft Corporation", "Teams Machine-Wide Installer", 1},
    {"Microsoft Corporation", "Windows PC Health Check", 3},
    {"Microsoft Corporation", "Microsoft GameInput", 10},
    {"Google LLC", "Google Chrome", 131},
    {"Google LLC", "Google Drive", 98},
    {"Google LLC", "Google Update Helper", 1},
    {"Mozilla", "Mozilla Firefox", 132},
    {"Mozilla", "Mozilla Maintenance Service", 132},
    {"Mozilla", "Mozilla Thunderbird", 128},
    {"Adobe Inc.", "Adobe Acrobat Reader DC", 24},
    {"Adobe Inc.", "Adobe Acrobat DC", 24},
    {"Adobe Inc.", "Adobe Creative Cloud", 6},
    {"Adobe Inc.", "Adobe Photoshop 2024", 25},
    {"Adobe Inc.", "Adobe Genuine Service", 8},
    {"Adobe Inc.", "Adobe Refresh Manager", 1},
    {"Adobe Systems Incorporated", "Adobe Flash Player 32 NPAPI", 32},
    {"Adobe Systems Incorporated", "Adobe AIR", 33},
    {"Oracle Corporation", "Java 8 Update 401", 8},
    {"Oracle Corporation", "Java 8 Update 381", 8},
    {"Oracle Corporation", "Java 8 Update 202", 8},
    {"Oracle Corporation", "Java(TM) SE Development Kit 17.0.9", 17},
    {"Oracle Corporation", "Oracle VM VirtualBox", 7},
    {"Eclipse Adoptium", "Eclipse Temurin JRE with Hotspot", 21},
    {"Amazon", "Amazon Corretto", 21},
    {"Igor Pavlov", "7-Zip 23.01", 23},
    {"Igor Pavlov", "7-Zip 19.00", 19},
    {"win.rar GmbH", "WinRAR 6.24", 6},
    {"Notepad++ Team", "Notepad++", 8},
    {"VideoLAN", "VLC media player", 3},
    {"The Git Development Community", "Git", 2},
    {"Python Software Foundation", "Python 3.11.4", 3},
    {"Python Software Foundation", "Python 3.12.1", 3},
    {"Python Software Foundation", "Python Launcher", 3},
    {"Node.js Foundation", "Node.js", 20},
    {"Zoom Video Communications, Inc.", "Zoom", 6},
    {"Zoom Video Communications, Inc.", "Zoom Outlook Plugin", 5},
    {"Slack Technologies Inc.", "Slack", 4},
    {"Cisco Systems, Inc.", "Cisco AnyConnect Secure Mobility Client", 4},
    {"Cisco Systems, Inc.", "Cisco Secure Client - AnyConnect VPN", 5},
    {"Cisco Systems, Inc.", "Cisco Webex Meetings", 43},
    {"Palo Alto Networks", "GlobalProtect", 6},
    {"Fortinet Technologies Inc", "FortiClient VPN", 7},
    {"TeamViewer", "TeamViewer", 15},
    {"AnyDesk Software GmbH", "AnyDesk", 8},
    {"Citrix Systems, Inc.", "Citrix Workspace", 24},
    {"VMware, Inc.", "VMware Tools", 12},
    {"VMware, Inc.", "VMware Horizon Client", 8},
    {"Intel Corporation", "Intel(R) Management Engine Components", 2306},
    {"Intel Corporation", "Intel(R) Wireless Bluetooth(R)", 23},
    {"Intel Corporation", "Intel(R) PROSet/Wireless Software", 23},
    {"Intel Corporation", "Intel(R) Rapid Storage Technology", 19},
    {"Intel Corporation", "Intel(R) Serial IO", 30},
    {"Intel Corporation", "Intel(R) Graphics Driver", 31},
    {"Intel Corporation", "Intel(R) Chipset Device Software", 10},
    {"Realtek Semiconductor Corp.", "Realtek Audio Driver", 6},
    {"Realtek Semiconductor Corp.", "Realtek High Definition Audio Driver", 6},
    {"Realtek", "Realtek USB 2.0 Card Reader", 10},
    {"NVIDIA Corporation", "NVIDIA Graphics Driver", 551},
    {"NVIDIA Corporation", "NVIDIA HD Audio Driver", 1},
    {"NVIDIA Corporation", "NVIDIA PhysX System Software", 9},
    {"Advanced Micro Devices, Inc.", "AMD Software", 23},
    {"Synaptics Incorporated", "Synaptics Pointing Device Driver", 19},
    {"Dell Inc.", "Dell Command | Update", 5},
    {"Dell Inc.", "Dell SupportAssist", 3},
    {"Dell Inc.", "Dell Optimizer", 4},
    {"HP Inc.", "HP Support Assistant", 9},
    {"HP Inc.", "HP Wolf Security", 4},
    {"HP Inc.", "HP Sure Click", 4},
    {"Lenovo", "Lenovo Vantage Service", 4},
    {"Lenovo", "Lenovo System Update", 5},
    {"Logitech", "Logi Options+", 1},
    {"Logitech", "Logitech Unifying Software", 2},
    {"CrowdStrike, Inc.", "CrowdStrike Windows Sensor", 7},
    {"Elastic", "Elastic Agent", 8},
    {"Splunk, Inc.", "UniversalForwarder", 9},
    {"Tenable, Inc.", "Nessus Agent", 10},
    {"Qualys, Inc.", "Qualys Cloud Security Agent", 5},
    {"Trend Micro Inc.", "Trend Micro Apex One Security Agent", 14},
    {"Symantec Corporation", "Symantec Endpoint Protection", 14},
    {"ESET, spol. s r.o.", "ESET Endpoint Security", 11},
    {"Kaspersky", "Kaspersky Endpoint Security for Windows", 12},
    {"Sophos Limited", "Sophos Endpoint Agent", 2023},
    {"Hitachi, Ltd.", "JP1/IT Desktop Management 2 - Agent", 13},
    {"Hitachi, Ltd.", "JP1/Software Distribution Client", 11},
    {"Hitachi, Ltd.", "JP1/Client Security Control - Agent", 10},
    {"Hitachi Solutions, Ltd.", "Hitachi ID Manager", 4},
    {"Fujitsu", "FUJITSU Software Systemwalker Desktop Keeper", 15},
    {"NEC Corporation", "NEC ESMPRO Agent", 6},
    {"SKYSEA Client View", "SKYSEA Client View", 19},
    {"Justsystems Corporation", "ATOK", 33},
    {"JustSystems Corporation", "一太郎", 2024},
    {"Sourcenext Corporation", "ウイルスセキュリティ", 23},
    {"Cybozu, Inc.", "Cybozu Desktop", 3},
    {"Wireshark Foundation", "Wireshark", 4},
    {"Nmap Project", "Npcap", 1},
    {"PuTTY Team", "PuTTY release", 0},
    {"Martin Prikryl", "WinSCP", 6},
    {"Tim Kosse", "FileZilla Client", 3},
    {"Dropbox, Inc.", "Dropbox", 190},
    {"Box, Inc.", "Box", 2},
    {"Spotify AB", "Spotify", 1},
    {"Valve Corporation", "Steam", 2},
    {"BitTorrent Inc.", "uTorrent", 3},
    {"BitTorrent Inc.", "BitTorrent", 7},
    {"The Tor Project", "Tor Browser", 13},
    {"qBittorrent project", "qBittorrent", 4},
    {"Krzysztof Kowalczyk", "SumatraPDF", 3},
    {"Foxit Software Inc.", "Foxit PDF Reader", 2024},
    {"Tracker Software Products", "PDF-XChange Editor", 10},
    {"The Document Foundation", "LibreOffice", 24},
    {"Apache Software Foundation", "OpenOffice", 4},
    {"Docker Inc.", "Docker Desktop", 4},
    {"JetBrains s.r.o.", "IntelliJ IDEA Community Edition", 2024},
    {"Postman", "Postman", 11},
    {"SAP SE", "SAP GUI for Windows", 8},
    {"Autodesk, Inc.", "Autodesk DWG TrueView 2024", 24},
    {"Bentley Systems", "MicroStation", 10},
    {"IBM", "IBM Notes", 12},
    {"Box Sync", "Box Tools", 4},
    {"Apple Inc.", "iTunes", 12},
    {"Apple Inc.", "Bonjour", 3},
    {"Apple Inc.", "Apple Mobile Device Support", 17},
    {"Gyazo", "Gyazo", 5},
    {"Evernote Corp.", "Evernote", 10},
    {"Greenshot", "Greenshot", 1},
    {"KeePass", "KeePass Password Safe", 2},
    {"Bitwarden Inc.", "Bitwarden", 2024},
    {"1Password", "1Password", 8},
};

inline constexpr std::string_view variants[] = {
    "",          " (x64)",       " (x86)",          " (64-bit)",        " - ja-jp",
    " - en-us",  " (x64 ja)",    " (x64 en-US)",    " Enterprise",      " Professional",
    " Update",   " Runtime",     " (User)",         " MUI",             " Language Pack",
    " Helper",   " - de-de",     " (Machine)",      " Service",         " Plugin",
    " 日本語版", " SDK",         " Add-in for Outlook"};

inline constexpr std::string_view update_titles[] = {
    "Cumulative Update for Windows 11 Version 23H2 for x64-based Systems",
    "Cumulative Update for Windows 10 Version 22H2 for x64-based Systems",
    "Cumulative Update for .NET Framework 3.5 and 4.8.1 for Windows 11, version 23H2 for x64",
    "Security Update for Microsoft Office 2016 64-Bit Edition",
    "Security Update for Microsoft Excel 2016 64-Bit Edition",
    "Windows Malicious Software Removal Tool x64",
    "Security Intelligence Update for Microsoft Defender Antivirus",
    "Servicing Stack Update for Windows 10 Version 22H2",
    "Update for Microsoft Outlook 2016 64-Bit Edition",
    "Security Update for SQL Server 2019 RTM GDR"};

inline constexpr std::string_view severities[] = {"critical", "important", "moderate", "low", ""};
inline constexpr std::string_view classifications[] = {"Security Updates", "Critical Updates",
                                                       "Update Rollups", "Updates",
                                                       "Definition Updates"};

struct AvProduct {
  std::string_view name;
  std::string_view product_version;
  std::string_view engine_version;
};
inline constexpr AvProduct antivirus_products[] = {
    {"Microsoft Defender Antivirus", "4.18.24090.11", "1.1.24090.11"},
    {"Microsoft Defender Antivirus", "4.18.23110.3", "1.1.23110.2"},
    {"Symantec Endpoint Protection", "14.3.9681.7000", "14.3.9681"},
    {"Trend Micro Apex One", "14.0.12526", "23.580.1005"},
    {"ESET Endpoint Security", "11.0.2032.0", "29142"},
    {"Kaspersky Endpoint Security for Windows", "12.3.0.493", "12.3.0.493"},
    {"Sophos Anti-Virus", "2023.2.1.8", "3.92.0"},
    {"ウイルスセキュリティ", "23.0.0.12", "23.0.0.12"}};

inline constexpr std::string_view os_names[] = {"Windows 11 Pro", "Windows 11 Enterprise",
                                                "Windows 10 Pro", "Windows 10 Enterprise",
                                                "Windows 7 Professional"};
inline constexpr std::string_view os_versions[] = {"10.0.22631.4460", "10.0.22631.3155",
                                                   "10.0.22631.4460", "10.0.19045.4046",
                                                   "10.0.19045.3693", "6.1.7601"};
inline constexpr std::string_view cities[] = {"Tokyo", "Osaka", "Kobe", "Nagoya", "Fukuoka",
                                              "Sapporo", "Sendai", "Yokohama"};
inline constexpr std::string_view departments[] = {"Sales", "Engineering", "Finance", "HR",
                                                   "Support", "Lab", "Legal", "Operations"};
inline constexpr std::string_view users[] = {"sato", "suzuki", "takahashi", "tanaka", "ito",
                                             "watanabe", "yamamoto", "nakamura", "kobayashi",
                                             "kato", "yoshida", "yamada", "sasaki", "abe"};
inline constexpr std::string_view cpus[] = {"Intel(R) Core(TM) i5-1135G7 @ 2.40GHz",
                                            "Intel(R) Core(TM) i7-1265U", "AMD Ryzen 5 PRO 5650U",
                                            "Intel(R) Core(TM) i5-8365U CPU @ 1.60GHz"};
inline constexpr std::string_view services[] = {"RemoteRegistry", "mpssvc", "EventLog", "WinRM",
                                                "Spooler", "TermService", "wuauserv", "SNMP",
                                                "TlntSvr", "BITS"};
inline constexpr std::string_view update_modes[] = {"auto_install", "auto_install", "scheduled",
                                                    "download_only", "notify", "disabled"};

constexpr std::size_t kb_pool = 600;
inline unsigned kb_number(std::size_t i) { return 5030000u + static_cast<unsigned>(i * 37 % 90000); }

inline std::size_t vocabulary_size() { return std::size(families) * std::size(variants); }

/// The name and publisher of vocabulary entry `v`.
inline std::string program_name(std::size_t v) {
  const Family& f = families[v % std::size(families)];
  return std::string(f.name) + std::string(variants[v / std::size(families) % std::size(variants)]);
}

inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

inline void append_version(std::string& out, Rng& r, unsigned major_max, unsigned parts) {
  out += std::to_string(r.below(major_max + 1));
  for (unsigned i = 1; i < parts; ++i) {
    out += '.';
    out += std::to_string(r.below(i == 1 ? 20 : 10000));
  }
}

inline void append_date(std::string& out, Date d) {
  out += '"';
  out += format_date(d);
  out += '"';
}

}  // namespace detail

/// Writes generated clients as JSON Lines in the inventory format (spec/formats.md §2).
class FleetGenerator {
 public:
  explicit FleetGenerator(std::uint64_t seed, FleetShape shape = {}) : seed_(seed), shape_(shape) {}

  /// Appends client `index` (asset "PC-<index>") as one JSON line ending in '\n'. A later
  /// `generation` of the same client changes its volatile data (definition date, a few versions,
  /// update states), as a new inventory import would.
  void write_client(std::string& out, std::size_t index, unsigned generation = 0) const {
    using namespace detail;
    Rng r(mix_seed(seed_, index));                    // stable per client
    Rng g(mix_seed(seed_ ^ 0xabcdefull, index * 1000003u + generation));  // per generation
    auto absent = [&] { return r.chance(shape_.absent_per_mille); };
    const Date today = date_of(generator_reference_time());

    out += "{\"format\":\"posture-inventory/1\",\"asset\":\"PC-";
    out += std::to_string(index);
    out += "\",\"host\":\"";
    std::string_view city = cities[r.below(std::size(cities))];
    out += city.substr(0, 3);
    out += "-ws-" + std::to_string(index) + "\",\"user\":";
    append_json_string(out, users[r.below(std::size(users))]);
    out += ",\"group\":";
    std::string group = std::string(city) + "/" + std::string(departments[r.below(8)]) + "/Team" +
                        std::to_string(r.between(1, 4));
    append_json_string(out, group);
    out += ",\"ip\":[\"10." + std::to_string(index >> 16 & 255) + "." +
           std::to_string(index >> 8 & 255) + "." + std::to_string(index & 255) + "\"]";
    out += ",\"mac\":[\"00:1a:2b:" + hex2(index >> 16) + ":" + hex2(index >> 8) + ":" +
           hex2(index) + "\"]";
    out += ",\"location\":";
    append_json_string(out, std::string(city) + " " + std::to_string(r.between(1, 12)) + "F");
    out += ",\"collected_at\":\"" +
           format_timestamp(Timestamp{generator_reference_time().seconds -
                                      static_cast<std::int64_t>(g.below(3 * 86400))}) +
           "\"";
    if (!absent()) out += ",\"agent_version\":\"12.0." + std::to_string(r.below(3)) + "\"";
    out += r.chance(shape_.unmanaged_per_mille) ? ",\"managed\":false" : ",\"managed\":true";

    const std::size_t os = r.below(std::size(os_names));
    if (!absent()) {
      out += ",\"os\":{\"name\":";
      append_json_string(out, os_names[os]);
      out += ",\"version\":\"";
      out += os_versions[os == 4 ? 5 : r.below(5)];
      out += "\",\"service_pack\":\"";
      out += os == 4 ? (r.chance(800) ? "Service Pack 1" : "") : "";
      out += "\",\"arch\":\"x64\"}";
    }
    if (!absent()) write_updates(out, r, g, os);
    if (!absent()) write_software(out, r, g);
    if (!absent()) write_antivirus(out, r, g, today);
    if (!absent()) write_settings(out, r, g, today);
    write_fields(out, r, index);
    out += "}\n";
  }

  /// Clients [first, first + count) as JSON Lines.
  std::string jsonl(std::size_t first, std::size_t count, unsigned generation = 0) const {
    std::string out;
    out.reserve(count * 24 * 1024);
    for (std::size_t i = first; i < first + count; ++i) write_client(out, i, generation);
    return out;
  }

 private:
  static std::string hex2(std::size_t v) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned>(v & 255));
    return buf;
  }

  void write_updates(std::string& out, Rng& r, Rng& g, std::size_t os) const {
    using namespace detail;
    out += ",\"updates\":{\"scanned_at\":\"" +
           format_timestamp(Timestamp{generator_reference_time().seconds -
                                      static_cast<std::int64_t>(g.below(86400))}) +
           "\",\"source\":\"wua\",\"complete\":" + (r.chance(900) ? "true" : "false") +
           ",\"items\":[";
    auto n = r.between(shape_.updates_min, shape_.updates_max);
    std::size_t base = os < 2 ? 0 : (os < 4 ? kb_pool / 3 : 2 * kb_pool / 3);
    for (std::uint64_t i = 0; i < n; ++i) {
      if (i) out += ',';
      std::size_t kb = (base + r.skewed(kb_pool)) % kb_pool;
      out += "{\"id\":\"";
      out += (kb % 3 == 0) ? "KB" : "";
      out += std::to_string(kb_number(kb)) + "\"";
      const bool missing = g.chance(shape_.missing_update_per_mille);
      if (kb % 4 != 0) {
        out += ",\"severity\":\"";
        out += severities[kb % std::size(severities)];
        out += "\",\"classification\":\"";
        out += classifications[kb % std::size(classifications)];
        out += "\",\"title\":";
        append_json_string(out, std::string("2024-") + std::to_string(kb % 12 + 1) + " " +
                                    std::string(update_titles[kb % std::size(update_titles)]) +
                                    " (KB" + std::to_string(kb_number(kb)) + ")");
      }
      out += missing ? ",\"state\":\"missing\"}" : ",\"state\":\"installed\"}";
    }
    out += "]}";
  }

  void write_software(std::string& out, Rng& r, Rng& g) const {
    using namespace detail;
    out += ",\"software\":[";
    auto n = r.between(shape_.programs_min, shape_.programs_max);
    const std::size_t vocabulary = vocabulary_size();
    for (std::uint64_t i = 0; i < n; ++i) {
      if (i) out += ',';
      // Popular programs come from the first few hundred entries, the long tail from all.
      std::size_t v = i < n / 2 ? r.skewed(600) : r.skewed(vocabulary);
      const Family& f = families[v % std::size(families)];
      Rng versions(mix_seed(v, r.below(3) + (g.chance(50) ? 1 : 0)));
      out += "{\"name\":";
      append_json_string(out, program_name(v));
      out += ",\"version\":\"";
      append_version(out, versions, f.major_max, 4);
      out += "\",\"publisher\":";
      append_json_string(out, f.publisher);
      out += '}';
    }
    out += ']';
  }

  void write_antivirus(std::string& out, Rng& r, Rng& g, Date today) const {
    using namespace detail;
    out += ",\"antivirus\":[";
    auto n = r.below(shape_.antivirus_max + 1);
    for (std::uint64_t i = 0; i < n; ++i) {
      if (i) out += ',';
      const AvProduct& p = antivirus_products[r.skewed(std::size(antivirus_products))];
      out += "{\"name\":";
      append_json_string(out, p.name);
      out += ",\"product_version\":\"";
      out += p.product_version;
      out += "\",\"engine_version\":\"";
      out += p.engine_version;
      const auto age = g.skewed(30);
      out += "\",\"definition_version\":\"1.4" + std::to_string(21 - age / 10) + "." +
             std::to_string(900 - age) + ".0\",\"definition_date\":";
      detail::append_date(out, Date{today.days - static_cast<std::int32_t>(age)});
      out += g.chance(970) ? ",\"resident\":true}" : ",\"resident\":false}";
    }
    out += ']';
  }

  void write_settings(std::string& out, Rng& r, Rng& g, Date today) const {
    using namespace detail;
    auto tf = [&](unsigned true_per_mille) { return r.chance(true_per_mille) ? "true" : "false"; };
    auto absent = [&] { return r.chance(shape_.absent_per_mille); };
    out += ",\"settings\":{";
    bool first = true;
    auto member = [&](std::string_view key) {
      if (!first) out += ',';
      first = false;
      out += '"';
      out += key;
      out += "\":";
    };
    if (!absent()) {
      member("accounts");
      out += std::string("{\"guest_enabled\":") + tf(30) + ",\"admin_renamed\":" + tf(800) + "}";
    }
    if (!absent()) {
      member("passwords");
      out += "{\"min_length\":" + std::to_string(r.between(6, 14)) +
             ",\"complexity\":" + tf(900) + ",\"accounts\":[";
      auto n = r.between(1, 3);
      for (std::uint64_t i = 0; i < n; ++i) {
        if (i) out += ',';
        out += "{\"name\":";
        append_json_string(out, i == 2 ? "svc_backup" : users[r.below(std::size(users))]);
        out += std::string(",\"blank\":") + tf(10) + ",\"never_expires\":" + tf(100) +
               ",\"last_changed\":";
        append_date(out, Date{today.days - static_cast<std::int32_t>(g.below(400))});
        out += '}';
      }
      out += "]}";
    }
    if (!absent()) {
      member("logon");
      out += std::string("{\"auto_logon\":") + tf(20) + ",\"show_last_user\":" + tf(500) + "}";
    }
    if (!absent()) {
      member("shares");
      out += "[{\"name\":\"ADMIN$\",\"everyone_write\":false},{\"name\":\"C$\",\"everyone_write\":false}";
      if (r.chance(150)) out += std::string(",{\"name\":\"Public\",\"everyone_write\":") + tf(300) + "}";
      out += ']';
    }
    if (!absent()) {
      member("anonymous");
      out += "{\"restrict\":" + std::to_string(r.chance(900) ? 1 : 0) + "}";
    }
    if (!absent()) {
      member("services");
      out += '[';
      auto n = r.between(3, 6);
      for (std::uint64_t i = 0; i < n; ++i) {
        if (i) out += ',';
        out += "{\"name\":\"";
        out += services[(i * 3 + r.below(3)) % std::size(services)];
        out += std::string("\",\"running\":") + tf(700) + "}";
      }
      out += ']';
    }
    if (!absent()) {
      member("firewall");
      out += std::string("{\"domain\":") + tf(970) + ",\"private\":" + tf(970) +
             ",\"public\":" + tf(990) + "}";
    }
    if (!absent()) {
      member("automatic_updates");
      out += "{\"mode\":\"";
      out += update_modes[r.skewed(std::size(update_modes))];
      out += "\"}";
    }
    if (!absent()) {
      member("screensaver");
      out += std::string("{\"enabled\":") + tf(900) + ",\"password\":" + tf(850) +
             ",\"timeout_min\":" + std::to_string(5 * r.between(1, 8)) + "}";
    }
    if (!absent()) {
      member("encryption");
      out += std::string("[{\"drive\":\"C:\",\"system\":true,\"encrypted\":") + tf(900) + "}";
      if (r.chance(300)) out += std::string(",{\"drive\":\"D:\",\"system\":false,\"encrypted\":") + tf(700) + "}";
      out += ']';
    }
    out += '}';
  }

  void write_fields(std::string& out, Rng& r, std::size_t index) const {
    using namespace detail;
    static constexpr std::string_view keys[] = {
        "Hardware information.CPU",     "Hardware information.Memory (MB)",
        "Registry.AutoAdminLogon",      "BIOS.Version",
        "Hardware information.Model",   "Asset.Owner department",
        "Asset.Lease expires",          "Registry.EnableLUA",
        "Hardware information.Serial",  "Network.Domain joined",
        "Asset.Cost center",            "Hardware information.Disk (GB)"};
    out += ",\"fields\":{";
    for (unsigned i = 0; i < shape_.fields && i < std::size(keys); ++i) {
      if (i) out += ',';
      append_json_string(out, keys[i]);
      out += ':';
      switch (i) {
        case 0: append_json_string(out, cpus[r.below(std::size(cpus))]); break;
        case 1: out += std::to_string(4096u << r.below(4)); break;
        case 2: out += r.chance(20) ? "\"1\"" : "\"0\""; break;
        case 3: out += "\"1." + std::to_string(r.between(10, 30)) + ".0\""; break;
        case 4: out += r.chance(500) ? "\"Latitude 5440\"" : "\"ThinkPad X1 Carbon Gen 11\""; break;
        case 5: append_json_string(out, departments[r.below(8)]); break;
        case 6: out += "\"2027-0" + std::to_string(r.between(1, 9)) + "-01\""; break;
        case 7: out += r.chance(950) ? "1" : "0"; break;
        case 8: out += "\"SN" + std::to_string(index * 7919 % 10000019) + "\""; break;
        case 9: out += r.chance(950) ? "true" : "false"; break;
        case 10: out += r.chance(50) ? "null" : "\"CC-" + std::to_string(r.between(100, 120)) + "\""; break;
        default: out += std::to_string(256u << r.below(3)); break;
      }
    }
    out += '}';
  }

  std::uint64_t seed_;
  FleetShape shape_;
};

}  // namespace posture::bench
