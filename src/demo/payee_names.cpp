#include "demo/payee_names.hpp"

#include <algorithm>
#include <array>

#include "analytics/analytics_config.hpp"
#include "analytics/payee_name.hpp"
#include "registry/uscc.hpp"

namespace jiangbu {

namespace {

struct City {
  Area area;
  const char* name;
  const char* division;        // 行政区划代码, positions 3–8 of a USCC
  const char* invoice_region;  // province digits of a 数电 number
  const char* legacy_region;   // province and city digits of a legacy 发票代码
};

constexpr std::array<City, 18> cities = {{
    {Area::shaanxi, "西安", "610113", "61", "6101"},   {Area::shaanxi, "咸阳", "610402", "61", "6104"},
    {Area::shaanxi, "宝鸡", "610302", "61", "6103"},   {Area::shaanxi, "渭南", "610502", "61", "6105"},
    {Area::shaanxi, "陕西", "610000", "61", "6100"},   {Area::chongqing, "重庆", "500103", "50", "5001"},
    {Area::chongqing, "綦江", "500110", "50", "5001"}, {Area::chongqing, "江津", "500116", "50", "5001"},
    {Area::chongqing, "巴南", "500113", "50", "5001"}, {Area::xinjiang, "乌鲁木齐", "650102", "65", "6501"},
    {Area::xinjiang, "新疆", "650000", "65", "6500"},  {Area::xinjiang, "昌吉", "652301", "65", "6523"},
    {Area::xinjiang, "克拉玛依", "650203", "65", "6502"}, {Area::elsewhere, "北京", "110105", "11", "1101"},
    {Area::elsewhere, "上海", "310115", "31", "3101"}, {Area::elsewhere, "深圳", "440305", "44", "4403"},
    {Area::elsewhere, "杭州", "330106", "33", "3301"}, {Area::elsewhere, "成都", "510107", "51", "5101"},
}};

// The two characters of a 字号, drawn from separate lists.
constexpr std::array<const char*, 40> trade_first = {
    "瑞", "华", "鼎", "恒", "博", "天", "嘉", "同", "汇", "锦", "启", "智", "联", "昊", "宏", "盛", "金", "卓", "众", "信",
    "新", "广", "长", "秦", "丰", "安", "德", "永", "兴", "正", "泰", "明", "润", "中", "宇", "伟", "达", "美", "诚", "和"};
constexpr std::array<const char*, 40> trade_second = {
    "丰", "信", "盛", "通", "雅", "泽", "禾", "创", "智", "程", "航", "远", "辉", "图", "世", "桥", "越", "成", "达", "源",
    "安", "川", "德", "邦", "海", "峰", "业", "联", "鑫", "顺", "晟", "茂", "辰", "轩", "腾", "益", "嘉", "诺", "隆", "康"};

struct Business {
  const char* words;              // line of business and legal form
  const char* registration_type;  // first two characters of the USCC: 91 company, 52 private non-enterprise, 51 association
};

constexpr std::array<Business, 22> supplier_businesses = {{
    {"教育科技有限公司", "91"},   {"文化传播有限公司", "91"},     {"广告传媒有限公司", "91"},
    {"印务有限公司", "91"},       {"会展服务有限公司", "91"},     {"信息技术有限公司", "91"},
    {"商贸有限公司", "91"},       {"教学设备有限公司", "91"},     {"人力资源服务有限公司", "91"},
    {"咨询服务有限公司", "91"},   {"网络科技有限公司", "91"},     {"办公用品有限公司", "91"},
    {"装饰工程有限公司", "91"},   {"图书有限公司", "91"},         {"餐饮管理有限公司", "91"},
    {"职业技能培训学校", "52"},   {"文化艺术培训中心", "52"},     {"酒店管理有限公司", "91"},
    {"物业管理有限公司", "91"},   {"印刷包装有限责任公司", "91"}, {"电子科技有限责任公司", "91"},
    {"劳务服务有限公司", "91"},
}};

struct UnitBusiness {
  Area area;
  Business business;
};

constexpr std::array<UnitBusiness, 15> unit_businesses = {{
    {Area::shaanxi, {"家政服务有限公司", "91"}},     {Area::shaanxi, {"职业技能培训学校", "52"}},
    {Area::shaanxi, {"劳务派遣有限公司", "91"}},     {Area::shaanxi, {"家庭服务业协会", "51"}},
    {Area::shaanxi, {"电子装配技能培训中心", "52"}}, {Area::chongqing, {"劳务开发有限公司", "91"}},
    {Area::chongqing, {"家政服务有限公司", "91"}},   {Area::chongqing, {"版画文化传播有限公司", "91"}},
    {Area::chongqing, {"职业培训学校", "52"}},       {Area::chongqing, {"劳务协会", "51"}},
    {Area::xinjiang, {"建工劳务有限公司", "91"}},    {Area::xinjiang, {"餐饮技能培训中心", "52"}},
    {Area::xinjiang, {"职业技能培训学校", "52"}},    {Area::xinjiang, {"纺织服装有限公司", "91"}},
    {Area::xinjiang, {"家政服务协会", "51"}},
}};

constexpr std::array<const char*, 40> surnames = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
    "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕"};
constexpr std::array<const char*, 30> lecturer_given = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明",
    "超", "秀英", "桂英", "建华", "志强", "海燕", "晓燕", "文博", "子涵", "思远", "雨欣", "俊杰", "佳怡", "浩然", "欣怡"};
constexpr std::array<const char*, 12> related_given = {"建国", "国庆", "卫东", "红梅", "振华", "志刚",
                                                       "淑珍", "德明", "玉兰", "长青", "爱民", "永康"};
// Uyghur names as written in Chinese: given name · father's name.
constexpr std::array<const char*, 8> uyghur_given = {"买买提", "艾尔肯", "阿不都", "努尔兰", "热依拉", "古丽", "迪丽娜尔", "帕提曼"};
constexpr std::array<const char*, 6> uyghur_father = {"艾力", "吐尔逊", "阿木提", "玉素甫", "依明", "司马义"};

constexpr int name_attempts_max = 60;
constexpr int code_attempts_max = 60;

const std::vector<std::u32string>& compared_suffixes() {
  static const std::vector<std::u32string> suffixes =
      to_code_point_suffixes(AnalyticsConfig::defaults().near_duplicate_payees.suffixes);
  return suffixes;
}

// The name as the analysis compares it, and every form of it with one character deleted.
std::vector<std::u32string> one_edit_keys(std::string_view name) {
  const std::u32string normalised = normalise_payee_name(name, compared_suffixes());
  std::vector<std::u32string> keys{normalised};
  for (std::size_t position = 0; position < normalised.size(); ++position) {
    std::u32string shorter = normalised;
    shorter.erase(position, 1);
    keys.push_back(std::move(shorter));
  }
  return keys;
}

const City& city_in(SeededRandom& random, Area area) {
  std::array<const City*, cities.size()> candidates{};
  std::size_t count = 0;
  for (const auto& city : cities) {
    if (city.area == area) candidates[count++] = &city;
  }
  return *candidates[random.below(count)];
}

std::size_t code_points(std::string_view text) { return to_code_points(text).size(); }

}  // namespace

NameBook::NameBook(SeededRandom& random) : random_(random) {}

bool NameBook::reserve(std::string_view name) {
  const auto keys = one_edit_keys(name);
  for (const auto& key : keys) {
    if (neighbourhood_.contains(key)) return false;
  }
  neighbourhood_.insert(keys.begin(), keys.end());
  return true;
}

std::string NameBook::unique_uscc(std::string_view registration_type, std::string_view division) {
  for (int attempt = 0; attempt < code_attempts_max; ++attempt) {
    std::string code = std::string(registration_type) + std::string(division) + "MA";
    for (int position = 0; position < 7; ++position) code += uscc_alphabet[random_.below(uscc_alphabet.size())];
    code += uscc_check_character(code);
    if (codes_.insert(code).second) return code;
  }
  return {};
}

Party NameBook::named(std::string name, std::string_view registration_type, std::string_view division) {
  Party party;
  party.uscc = unique_uscc(registration_type, division);
  if (party.uscc.empty() || !reserve(name)) return {};
  party.name = std::move(name);
  return party;
}

Party NameBook::company(Area area) {
  for (int attempt = 0; attempt < name_attempts_max; ++attempt) {
    const City& city = city_in(random_, area);
    // Three-character 字号 once the two-character ones run short.
    const bool longer = attempt >= name_attempts_max / 2;
    const std::string trade = std::string(random_.pick(trade_first)) + random_.pick(trade_second) +
                              (longer ? random_.pick(trade_second) : "");
    const Business& business = random_.pick(supplier_businesses);
    Party party = named(std::string(city.name) + trade + business.words, business.registration_type, city.division);
    if (party.name.empty()) continue;
    party.invoice_region = city.invoice_region;
    party.legacy_region = city.legacy_region;
    party.trade_name_end = code_points(city.name) + (longer ? 3 : 2);
    return party;
  }
  return {};
}

Party NameBook::lead_unit(Area area, bool& non_profit) {
  for (int attempt = 0; attempt < name_attempts_max; ++attempt) {
    const City& city = city_in(random_, area);
    const bool longer = attempt >= name_attempts_max / 2;
    const std::string trade = std::string(random_.pick(trade_first)) + random_.pick(trade_second) +
                              (longer ? random_.pick(trade_second) : "");
    const UnitBusiness* business = nullptr;
    for (int pick = 0; pick < name_attempts_max && business == nullptr; ++pick) {
      const auto& candidate = random_.pick(unit_businesses);
      if (candidate.area == area) business = &candidate;
    }
    if (business == nullptr) continue;
    Party party = named(std::string(city.name) + trade + business->business.words,
                        business->business.registration_type, city.division);
    if (party.name.empty()) continue;
    non_profit = std::string_view(business->business.registration_type) != "91";
    party.invoice_region = city.invoice_region;
    party.legacy_region = city.legacy_region;
    return party;
  }
  return {};
}

Party NameBook::person(Area area) {
  std::string name;
  for (int attempt = 0; attempt < name_attempts_max; ++attempt) {
    if (area == Area::xinjiang && random_.per_mille(300)) {
      name = std::string(random_.pick(uyghur_given)) + "·" + random_.pick(uyghur_father);
    } else {
      name = std::string(random_.pick(surnames)) + random_.pick(lecturer_given);
    }
    if (people_.insert(name).second) break;
  }
  // Individuals are paid through invoices the tax office issues for them (代开), in their own area.
  const City& city = city_in(random_, area);
  return {name, "", city.invoice_region, city.legacy_region, 0};
}

std::string NameBook::related_person() { return std::string(random_.pick(surnames)) + random_.pick(related_given); }

Party NameBook::look_alike(const Party& original, bool change_character) {
  Party variant = original;
  variant.uscc.clear();
  const std::string limited = "有限公司";
  const std::string limited_liability = "有限责任公司";
  if (!change_character && original.name.ends_with(limited) && !original.name.ends_with(limited_liability)) {
    // The same company name written with the longer legal form, under another code.
    variant.name = original.name.substr(0, original.name.size() - limited.size()) + limited_liability;
  } else {
    // One character of the 字号 changed: a name one edit away that no other payee is near.
    const auto original_keys = one_edit_keys(original.name);
    const std::u32string points = to_code_points(original.name);
    if (original.trade_name_end == 0 || original.trade_name_end > points.size()) return {};
    for (int attempt = 0; attempt < name_attempts_max && variant.uscc.empty(); ++attempt) {
      std::u32string changed = points;
      changed[original.trade_name_end - 1] = to_code_points(random_.pick(trade_second)).front();
      if (changed == points) continue;
      const std::string name = to_utf8(changed);
      bool clashes = false;
      for (const auto& key : one_edit_keys(name)) {
        const bool shared_with_original = std::find(original_keys.begin(), original_keys.end(), key) != original_keys.end();
        if (neighbourhood_.contains(key) && !shared_with_original) clashes = true;
      }
      if (clashes) continue;
      variant.name = name;
      variant.uscc = "pending";
    }
    if (variant.uscc.empty()) return {};
  }
  variant.uscc = unique_uscc(original.uscc.substr(0, 2), original.uscc.substr(2, 6));
  if (variant.uscc.empty()) return {};
  return variant;
}

}  // namespace jiangbu
