#include "web/web_server.hpp"

#include <pthread.h>
#include <signal.h>

#include <fstream>
#include <iostream>
#include <thread>

#include <spdlog/spdlog.h>

#include "core/reason_code.hpp"
#include "store/migrations.hpp"

namespace jiangbu {

namespace {

Status check_database(const DatabaseLocation& location) {
  auto database = Database::open(location);
  if (!database) return database.error();
  if (auto schema = check_schema(*database.value()); !schema) return schema.error();
  return success();
}

Status write_port_file(const std::string& path, int port) {
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::trunc);
    out << port << '\n';
    if (!out) return make_error(ReasonCode::cannot_write_output, "cannot write " + path, "port-file");
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    return make_error(ReasonCode::cannot_write_output, "cannot write " + path, "port-file");
  }
  return success();
}

}  // namespace

Status serve(const ServeOptions& options) {
  auto location = parse_database_location(options.database_text);
  if (!location) return location.error();
  if (auto ready = check_database(location.value()); !ready) return ready;

  // The signals are taken by one thread that stops the server: httplib's
  // stop() is not safe inside a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  httplib::Server server;
  WebApp app(location.value(), options.app);
  app.install(server);
  const int port = options.port == 0 ? server.bind_to_any_port(options.bind_address)
                                     : (server.bind_to_port(options.bind_address, options.port) ? options.port : -1);
  if (port < 0) {
    return make_error(ReasonCode::bad_option,
                      "cannot listen on " + options.bind_address + ":" + std::to_string(options.port), "port");
  }
  std::cout << "jiangbu serve: listening on http://" << options.bind_address << ":" << port << "/ ("
            << location.value().redacted << ")" << std::endl;
  if (!options.port_file.empty()) {
    if (auto written = write_port_file(options.port_file, port); !written) return written;
  }
  std::thread stopper([&server, stop_signals] {
    int received = 0;
    sigwait(&stop_signals, &received);
    spdlog::info("jiangbu serve: signal {}, stopping", received);
    server.stop();
  });
  server.listen_after_bind();
  // listen_after_bind returns only after stop(), which only the stopper calls.
  stopper.join();
  return success();
}

}  // namespace jiangbu
