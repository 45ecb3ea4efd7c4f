// Long-running Presage query server for the evaluation simulator (bench/presage/build.sh builds it).
//
// Why a process and not a one-shot tool: presage_simulator owns its own typing loop, so to score
// Presage with exactly the simulator our engine goes through, Presage must answer arbitrary
// "text before the cursor" queries. Loading its sqlite database per query would dominate latency.
//
// Protocol (stdin/stdout, one request at a time):
//   request:  a line with the byte length L of the context, then exactly L bytes of context
//             (the text before the cursor, newlines allowed).
//   response: one JSON line, {"suggestions":["w1","w2",...]} or {"error":"message"}.
// An empty line or EOF ends the process.
//
// Usage: presage_bridge CONFIG_XML   (the caller writes the config: database, learning off, N)
#include <presage.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace {

// Presage pulls the context through this callback; we hand it whatever the last request carried.
class ContextCallback : public PresageCallback {
 public:
  std::string past;
  std::string get_past_stream() const override { return past; }
  std::string get_future_stream() const override { return std::string(); }
};

std::string jsonEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: presage_bridge CONFIG_XML" << std::endl;
    return 2;
  }
  std::ios::sync_with_stdio(false);
  ContextCallback callback;
  try {
    Presage presage(&callback, argv[1]);
    // Tell the caller the database opened, so load failures surface before the first query.
    std::cout << "{\"ready\":true}" << std::endl;
    std::string line;
    while (std::getline(std::cin, line)) {
      if (line.empty()) break;
      std::size_t length = 0;
      try {
        length = std::stoul(line);
      } catch (const std::exception&) {
        std::cout << "{\"error\":\"bad length line\"}" << std::endl;
        return 1;
      }
      std::string context(length, '\0');
      if (length > 0 && !std::cin.read(&context[0], static_cast<std::streamsize>(length))) break;
      callback.past = context;
      try {
        const std::vector<std::string> words = presage.predict();
        std::string out = "{\"suggestions\":[";
        for (std::size_t i = 0; i < words.size(); ++i) {
          if (i > 0) out += ',';
          out += '"' + jsonEscape(words[i]) + '"';
        }
        out += "]}";
        std::cout << out << std::endl;
      } catch (const std::exception& e) {
        std::cout << "{\"error\":\"" << jsonEscape(e.what()) << "\"}" << std::endl;
      }
    }
  } catch (const std::exception& e) {
    std::cout << "{\"error\":\"" << jsonEscape(e.what()) << "\"}" << std::endl;
    return 1;
  }
  return 0;
}
