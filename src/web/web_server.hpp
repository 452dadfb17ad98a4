#pragma once
// `jiangbu serve`: the web front over HTTP (cpp-httplib, Debian's
// libcpp-httplib-dev), on 127.0.0.1 unless told otherwise: a deployment puts
// the bureau's TLS reverse proxy in front of it.
#include <string>

#include "core/result.hpp"
#include "web/web_app.hpp"

namespace jiangbu {

struct ServeOptions {
  std::string database_text;
  std::string bind_address = "127.0.0.1";
  int port = 8080;         // 0: a free port, printed (and written to port_file)
  std::string port_file;   // written once listening, for scripts and tests
  WebAppOptions app;
};

// Runs until SIGINT or SIGTERM; refuses a database whose schema is not the
// bundled version, as every command does.
Status serve(const ServeOptions& options);

}  // namespace jiangbu
