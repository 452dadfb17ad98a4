// `jiangbu role bind|list` (PostgreSQL login roles as principals) and
// `jiangbu trail list` (the audit trail).
#include <iostream>

#include "access/principal_binding.hpp"
#include "cli/context.hpp"
#include "store/audit_trail.hpp"

namespace jiangbu {

namespace {

struct AccessOptions {
  std::string role_name;
  std::string principal;
  std::int64_t after_event_id = 0;
  std::size_t limit = 1000;
};

std::string entry_ids_text(const std::vector<std::int64_t>& entry_ids) {
  std::string text;
  for (const auto entry_id : entry_ids) text += (text.empty() ? "" : " ") + std::to_string(entry_id);
  return text;
}

void register_role_commands(CLI::App& app, Context& context, const std::shared_ptr<AccessOptions>& options) {
  auto* noun = app.add_subcommand("role", "PostgreSQL login roles bound to principals (bureau, auditor, unit:<USCC>)");
  noun->require_subcommand(1);
  auto* bind = noun->add_subcommand("bind", "Bind an existing login role to a principal (as the database owner)");
  bind->add_option("--role", options->role_name, "The PostgreSQL login role")->required();
  bind->add_option("--principal", options->principal, "bureau, auditor or unit:<USCC>")->required();
  bind->callback([&context, options] {
    auto database = context.open_database();
    const auto principal = require(parse_principal(options->principal));
    (void)require(bind_database_role(*database, options->role_name, principal));
    std::cout << "bound " << options->role_name << " to " << principal.text() << '\n';
  });
  auto* list = noun->add_subcommand("list", "List the bound login roles");
  list->callback([&context] {
    auto database = context.open_database();
    require_allowed(*database, Action::read_all);
    Table table{{{"role", "数据库角色"}, {"principal", "操作主体"}}, {}};
    for (const auto& binding : list_role_bindings(*database)) {
      table.add_row({binding.role_name, binding.principal.text()});
    }
    render(std::cout, table, context.format());
  });
}

void register_trail_commands(CLI::App& app, Context& context, const std::shared_ptr<AccessOptions>& options) {
  auto* noun = app.add_subcommand("trail", "The audit trail (操作留痕): every committed state change");
  noun->require_subcommand(1);
  auto* list = noun->add_subcommand("list", "List audit-trail events in order");
  list->add_option("--after", options->after_event_id, "Only events after this id");
  list->add_option("--limit", options->limit, "At most this many")->check(CLI::Range(1, 1'000'000));
  list->callback([&context, options] {
    auto database = context.open_database();
    require_allowed(*database, Action::read_all);
    Table table{{{"event_id", "序号"}, {"principal", "操作主体"}, {"database_role", "数据库角色"},
                 {"recorded_at", "时间"}, {"action", "操作"}, {"object_kind", "对象类型"},
                 {"object_id", "对象"}, {"entry_ids", "生成凭证"}},
                {}};
    for (const auto& event : list_audit_events(*database, options->after_event_id, options->limit)) {
      table.add_row({std::to_string(event.event_id), event.principal, event.database_role, event.recorded_at,
                     event.action.action, event.action.object_kind, event.action.object_id,
                     entry_ids_text(event.entry_ids)});
    }
    render(std::cout, table, context.format());
  });
}

}  // namespace

void register_access_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<AccessOptions>();
  register_role_commands(app, context, options);
  register_trail_commands(app, context, options);
}

}  // namespace jiangbu
