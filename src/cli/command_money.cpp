// `jiangbu money parse` and `jiangbu reasons list`: small tools for clerks and
// scripts that want to see how an amount or a reason code is understood.
#include <iostream>

#include "cli/context.hpp"
#include "core/reason_code.hpp"
#include "money/money_chinese.hpp"
#include "money/money_format.hpp"
#include "money/money_parse.hpp"

namespace jiangbu {

void register_money_commands(CLI::App& app, Context& context) {
  auto texts = std::make_shared<std::vector<std::string>>();
  auto* noun = app.add_subcommand("money", "Amounts: how jiangbu reads and writes them");
  noun->require_subcommand(1);
  auto* parse = noun->add_subcommand("parse", "Parse amounts (1,234.56 / 20万 / 贰拾万元整)");
  parse->add_option("text", *texts, "Amounts")->required();
  parse->callback([&context, texts] {
    Table table{{{"input", "输入"}, {"fen", "分", ColumnKind::number}, {"yuan", "元", ColumnKind::money},
                 {"wan", "万元", ColumnKind::number}, {"uppercase", "大写"}},
                {}};
    for (const auto& text : *texts) {
      const Money amount = require(parse_money(text, SignPolicy::allow_negative));
      table.add_row({text, amount.fen().str(), money_cell(amount), format_wan(amount),
                     format_chinese_uppercase(amount)});
    }
    render(std::cout, table, context.format());
  });
}

void register_reason_commands(CLI::App& app, Context& context) {
  auto* noun = app.add_subcommand("reasons", "The stable reason codes");
  noun->require_subcommand(1);
  auto* list = noun->add_subcommand("list", "List every reason code with its number and meaning");
  list->callback([&context] {
    Table table{{{"number", "编号", ColumnKind::number}, {"code", "代码"}, {"kind", "类别"}, {"meaning", "含义"}}, {}};
    for (const auto& info : reason_codes()) {
      const char* kind = info.kind == ReasonKind::rule ? "rule" : info.kind == ReasonKind::input ? "input" : "storage";
      table.add_row({std::to_string(static_cast<int>(info.code)), std::string(info.name), kind,
                     std::string(info.meaning)});
    }
    render(std::cout, table, context.format());
  });
}

}  // namespace jiangbu
