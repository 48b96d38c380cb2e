// Generating and loading the synthetic national data set (see national_data.hpp).
#include "services/national_data.hpp"

#include "domain/catalogue.hpp"
#include "services/demo_data.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include "domain/errors.hpp"
#include "services/accounts/passwords.hpp"
#include "services/national_case_work.hpp"
#include "services/national_random.hpp"

namespace resettle::services {

namespace {

// The 12 probation regions; Yorkshire and the Humber first, so the first prison and PDU are in it.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> region_names{{
    {"YH", "Yorkshire and the Humber"}, {"NE", "North East"}, {"NW", "North West"},
    {"GM", "Greater Manchester"}, {"EM", "East Midlands"}, {"WM", "West Midlands"},
    {"EE", "East of England"}, {"WA", "Wales"}, {"LN", "London"},
    {"KSS", "Kent, Surrey and Sussex"}, {"SW", "South West"}, {"SC", "South Central"},
}};

// Towns that name the synthetic prisons and PDUs (the prisons are invented, not real ones).
constexpr std::array<std::string_view, 120> towns{
    "Leeds", "Bradford", "Hull", "Sheffield", "York", "Wakefield", "Doncaster", "Rotherham", "Barnsley",
    "Huddersfield", "Halifax", "Harrogate", "Scarborough", "Grimsby", "Durham", "Newcastle", "Sunderland",
    "Gateshead", "Middlesbrough", "Darlington", "Hartlepool", "Carlisle", "Lancaster", "Preston", "Blackpool",
    "Blackburn", "Burnley", "Liverpool", "Wigan", "Warrington", "Chester", "Bolton", "Bury", "Oldham",
    "Rochdale", "Salford", "Stockport", "Trafford", "Tameside", "Manchester", "Nottingham", "Derby",
    "Leicester", "Lincoln", "Northampton", "Mansfield", "Chesterfield", "Boston", "Kettering", "Loughborough",
    "Birmingham", "Coventry", "Wolverhampton", "Walsall", "Dudley", "Stoke", "Shrewsbury", "Worcester",
    "Hereford", "Telford", "Norwich", "Ipswich", "Cambridge", "Peterborough", "Chelmsford", "Colchester",
    "Luton", "Bedford", "Stevenage", "Southend", "Cardiff", "Swansea", "Newport", "Wrexham", "Bangor",
    "Aberystwyth", "Carmarthen", "Merthyr", "Bridgend", "Llandudno", "Camden", "Hackney", "Lambeth",
    "Croydon", "Ealing", "Barnet", "Lewisham", "Newham", "Brent", "Islington", "Maidstone", "Canterbury",
    "Brighton", "Guildford", "Crawley", "Hastings", "Chatham", "Dover", "Woking", "Eastbourne", "Bristol",
    "Plymouth", "Exeter", "Taunton", "Gloucester", "Swindon", "Bath", "Truro", "Torquay", "Cheltenham",
    "Reading", "Oxford", "Southampton", "Portsmouth", "Winchester", "Aylesbury", "Slough", "Milton Keynes",
    "Basingstoke", "Bournemouth"};

constexpr std::array<std::string_view, 40> male_names{
    "Jordan", "Tyler", "Liam", "Connor", "Reece", "Marcus", "Dylan", "Kieran", "Nathan", "Aaron",
    "Jamal", "Sean", "Ryan", "Darren", "Gary", "Paul", "Owen", "Ben", "Mohammed", "Lewis",
    "Jake", "Ethan", "Callum", "Danny", "Lee", "Mark", "Adam", "Craig", "Jason", "Kyle",
    "Dean", "Shane", "Wayne", "Stephen", "Michael", "David", "James", "Daniel", "Tomasz", "Dafydd"};
constexpr std::array<std::string_view, 30> female_names{
    "Amira", "Sophie", "Chloe", "Stacey", "Emma", "Laura", "Kelly", "Gemma", "Leanne", "Jade",
    "Nicola", "Sarah", "Rebecca", "Hannah", "Charlotte", "Megan", "Aisha", "Zara", "Natalie", "Donna",
    "Kirsty", "Lisa", "Michelle", "Rachel", "Samantha", "Tanya", "Chelsea", "Carys", "Siobhan", "Priya"};
constexpr std::array<std::string_view, 60> family_names{
    "Hughes", "Brooks", "Khan", "Carter", "Walsh", "Patel", "Bennett", "Foster", "Doyle", "Price",
    "Gray", "Robinson", "Murphy", "Cooper", "Hall", "Wood", "Turner", "Ward", "Lewis", "Clarke",
    "Evans", "Ali", "Scott", "Morris", "Bell", "Young", "King", "Wright", "Green", "Hill",
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Thomas", "Roberts",
    "Walker", "Jackson", "Harris", "Martin", "Thompson", "White", "Edwards", "Baker", "Harrison", "Morgan",
    "Ahmed", "Hussain", "Begum", "Kowalski", "Nowak", "Okafor", "Mensah", "Campbell", "Stewart", "Kelly"};
constexpr std::array<std::string_view, 12> offences{
    "Theft", "Burglary", "Robbery", "Assault occasioning actual bodily harm", "Possession with intent to supply",
    "Fraud", "Criminal damage", "Driving while disqualified", "Wounding with intent", "Harassment",
    "Breach of a restraining order", "Handling stolen goods"};

std::string lower_letters(std::string_view text) {
  std::string letters;
  for (char c : text)
    if (std::isalpha(static_cast<unsigned char>(c))) letters += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return letters;
}

// Three upper-case letters from the town's name, the first kept, unique among `taken`.
std::string place_code(std::string_view town, std::set<std::string>& taken) {
  auto letters = lower_letters(town);
  for (std::size_t second = 1; second < letters.size(); ++second)
    for (std::size_t third = second + 1; third < letters.size(); ++third) {
      std::string code{letters[0], letters[second], letters[third]};
      for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (taken.insert(code).second) return code;
    }
  throw std::logic_error("no free place code for " + std::string{town});
}

std::string town_name(int index) {
  std::string name{towns[index % towns.size()]};
  if (index >= static_cast<int>(towns.size())) name += " " + std::to_string(index / towns.size() + 1);
  return name;
}

// An identifier from a bijection of the index, so identifiers are unique without a lookup and
// do not run in order. `space` choices in all; `step` is coprime with it.
std::uint64_t scattered(std::int64_t index, std::uint64_t space) {
  constexpr std::uint64_t step = 1'000'003;  // prime, and no factor of either space
  return (static_cast<std::uint64_t>(index) * step + 7'919) % space;
}

// Prison numbers: A or G, four digits, two letters (A1234BC).
std::string prison_number(std::int64_t index) {
  auto n = scattered(index, 2ULL * 10'000 * 26 * 26);
  std::string number(7, ' ');
  number[6] = static_cast<char>('A' + n % 26), n /= 26;
  number[5] = static_cast<char>('A' + n % 26), n /= 26;
  for (int digit = 4; digit >= 1; --digit) number[digit] = static_cast<char>('0' + n % 10), n /= 10;
  number[0] = n == 0 ? 'A' : 'G';
  return number;
}

// Case reference numbers: one letter and six digits (X123456).
std::string crn(std::int64_t index) {
  auto n = scattered(index, 26ULL * 1'000'000);
  std::string number(7, ' ');
  for (int digit = 6; digit >= 1; --digit) number[digit] = static_cast<char>('0' + n % 10), n /= 10;
  number[0] = static_cast<char>('A' + n);
  return number;
}

int scaled(int full, double fraction, int at_least) {
  return std::max(at_least, static_cast<int>(std::lround(full * fraction)));
}

// How many staff of each role: shares of the whole, at least one per unit they work in.
struct StaffPlan {
  int key_workers, poms, pre_release, coms, managers, partners, admins;
};
StaffPlan staff_plan(const NationalScale& scale) {
  auto share = [&](double part, int at_least) { return std::max(at_least, static_cast<int>(scale.staff * part)); };
  StaffPlan plan{share(0.42, scale.prisons), share(0.12, scale.prisons), share(0.08, scale.prisons), 0,
                 share(0.05, 1), share(0.0125, 1), share(0.0075, 1)};
  // COMs are the rest, so the total is what was asked for.
  plan.coms = std::max(scale.pdus, scale.staff - plan.key_workers - plan.poms - plan.pre_release - plan.managers -
                                       plan.partners - plan.admins);
  return plan;
}

int pdu_teams(const StaffPlan& plan, const NationalScale& scale, int pdu) {
  int coms_here = plan.coms / scale.pdus + (pdu < plan.coms % scale.pdus ? 1 : 0);
  return std::max(1, (coms_here + 5) / 10);  // about ten COMs to a team
}

std::string prison_team(const std::string& prison_code, Role role) {
  if (role == Role::pom) return prison_code + "-OMU";
  if (role == Role::pre_release) return prison_code + "-PRE";
  return prison_code + "-KW";
}

std::string pdu_team(const std::string& pdu_code, int team) { return pdu_code + "-T" + std::to_string(team + 1); }

void set_absence_and_specialisms(StaffMember& member, Random& random, Date today, bool in_wales) {
  static constexpr std::array<int, 4> part_time{60, 80, 50, 90};
  if (random.percent(20)) member.capacity_percent = random.pick(part_time);
  if (random.percent(6)) member.specialisms.push_back(Specialism::women);
  if (random.percent(in_wales ? 40 : 1)) member.specialisms.push_back(Specialism::welsh_language);
  if (member.role == Role::com && random.percent(10)) member.specialisms.push_back(Specialism::iom);
  if (random.percent(3)) {
    member.away_from = add_days(today, -random.below(10));
    member.away_until = add_days(today, 1 + random.below(20));
  }
}

}  // namespace

NationalScale national_scale(double fraction) {
  if (!(fraction > 0 && fraction <= 1)) throw ValidationFailed("fraction", staff_text("must be more than 0 and at most 1"));
  NationalScale full;
  NationalScale scale;
  scale.regions = std::clamp(static_cast<int>(std::lround(full.regions * fraction)), 1, full.regions);
  scale.prisons = scaled(full.prisons, fraction, 2);
  scale.pdus = scaled(full.pdus, fraction, 2);
  scale.staff = scaled(full.staff, fraction, 1);
  scale.in_custody = scaled(full.in_custody, fraction, 1);
  scale.on_probation = scaled(full.on_probation, fraction, 1);
  return scale;
}

NationalPlaces national_places(const NationalScale& scale) {
  NationalPlaces places;
  for (int r = 0; r < scale.regions; ++r) {
    const auto& [code, name] = region_names[r % region_names.size()];
    places.regions.push_back({std::string{code}, std::string{name}});
  }
  auto region_of = [&](int unit) { return places.regions[unit % places.regions.size()].code; };
  std::set<std::string> prison_codes, pdu_codes;
  for (int p = 0; p < scale.prisons; ++p) {
    auto town = town_name(p);
    places.prisons.push_back({place_code(town, prison_codes), "HMP " + town, region_of(p)});
    for (auto role : {Role::pom, Role::key_worker, Role::pre_release}) {
      const auto& prison = places.prisons.back();
      auto code = prison_team(prison.code, role);
      places.teams.push_back({code, std::string{prison.name} + " " + std::string{role_label(role)} + " team", prison.code, ""});
    }
  }
  auto plan = staff_plan(scale);
  for (int u = 0; u < scale.pdus; ++u) {
    auto town = town_name(u);
    places.pdus.push_back({place_code(town, pdu_codes), town, region_of(u)});
    const auto& pdu = places.pdus.back();
    for (int t = 0; t < pdu_teams(plan, scale, u); ++t)
      places.teams.push_back({pdu_team(pdu.code, t), pdu.name + " probation team " + std::to_string(t + 1), "", pdu.code});
  }
  return places;
}

std::vector<StaffMember> national_staff(const NationalScale& scale, const NationalPlaces& places, Date today) {
  const auto& first_prison = places.prisons.front().code;
  const auto& first_pdu = places.pdus.front().code;
  auto staff = demo_accounts(first_prison, first_pdu, today);
  for (auto& member : staff) {
    if (member.role == Role::com) member.team_code = pdu_team(first_pdu, 0);
    else if (member.role == Role::manager) member.team_code = prison_team(first_prison, Role::pom);
    else if (!member.prison_code.empty()) member.team_code = prison_team(first_prison, member.role);
  }
  auto plan = staff_plan(scale);
  Random random = random_for(scale.seed, 1, 0);
  auto count_of = [&](Role role) {
    return static_cast<int>(std::count_if(staff.begin(), staff.end(), [&](const auto& m) { return m.role == role; }));
  };
  auto add = [&](Role role, int wanted, auto place) {
    for (int n = count_of(role); n < wanted; ++n) {
      StaffMember member;
      member.role = role;
      bool female = random.percent(55);
      member.display_name = std::string{female ? random.pick(female_names) : random.pick(male_names)} + " " +
                            std::string{random.pick(family_names)};
      member.username = lower_letters(member.display_name) + "." + std::to_string(staff.size() + 1);
      place(member, n);
      bool in_wales = false;
      for (const auto& unit : places.prisons) in_wales |= unit.code == member.prison_code && unit.region_code == "WA";
      for (const auto& unit : places.pdus) in_wales |= unit.code == member.pdu_code && unit.region_code == "WA";
      set_absence_and_specialisms(member, random, today, in_wales);
      staff.push_back(std::move(member));
    }
  };
  auto in_prison = [&](StaffMember& member, int n) {
    const auto& prison = places.prisons[n % places.prisons.size()];
    member.prison_code = prison.code;
    member.team_code = prison_team(prison.code, member.role);
  };
  auto in_pdu = [&](StaffMember& member, int n) {
    int u = n % scale.pdus;
    const auto& pdu = places.pdus[u];
    member.pdu_code = pdu.code;
    member.team_code = pdu_team(pdu.code, (n / scale.pdus) % pdu_teams(plan, scale, u));
  };
  add(Role::key_worker, plan.key_workers, in_prison);
  add(Role::pom, plan.poms, in_prison);
  add(Role::pre_release, plan.pre_release, in_prison);
  add(Role::com, plan.coms, in_pdu);
  add(Role::manager, plan.managers, [&](StaffMember& member, int n) {
    const auto& team = places.teams[n % places.teams.size()];
    member.team_code = team.code;
    member.prison_code = team.prison_code;
    member.pdu_code = team.pdu_code;
  });
  add(Role::partner, plan.partners, [&](StaffMember& member, int n) {
    member.organisation = town_name(n % static_cast<int>(places.pdus.size())) + " Housing Options";
  });
  add(Role::admin, plan.admins, [](StaffMember&, int) {});
  return staff;
}

namespace {

// Determinate sentence lengths in days, repeated by how common they are.
constexpr std::array<int, 16> sentence_lengths{120, 180, 180, 270, 365, 365, 548, 730, 730, 1095,
                                               1095, 1460, 1825, 2555, 3650, 5475};

int custodial_days(const Sentence& sentence) {
  int length = sentence.length_days.value_or(0);
  switch (sentence.release_scheme) {
    case ReleaseScheme::forty_percent: return length * 2 / 5;
    case ReleaseScheme::two_thirds: return length * 2 / 3;
    case ReleaseScheme::extended: return length;
    case ReleaseScheme::one_third: return length / 3;
    case ReleaseScheme::standard: break;
  }
  return length / 2;
}

Sentence determinate_sentence(Random& random, bool short_only) {
  Sentence sentence;
  sentence.type = SentenceType::determinate;
  int length = short_only ? random.pick(sentence_lengths) % 600 + 120 : random.pick(sentence_lengths);
  sentence.length_days = length;
  int scheme = random.below(100);
  if (!short_only && length >= 1460 && scheme < 15) sentence.release_scheme = ReleaseScheme::two_thirds;
  else if (!short_only && length >= 1460 && scheme < 22) {
    sentence.release_scheme = ReleaseScheme::extended;
    sentence.extension_days = 365 * (1 + random.below(5));
  } else if (scheme < 55) sentence.release_scheme = ReleaseScheme::forty_percent;
  sentence.offence = random.pick(offences);
  return sentence;
}

// Somewhere in the custodial part: started `served` days ago, release still ahead.
Sentence in_custody_sentence(Random& random, Date today) {
  if (random.percent(7)) {
    Sentence sentence;
    sentence.type = SentenceType::indeterminate;
    auto start = add_days(today, -(365 + random.below(365 * 14)));
    sentence.start_date = start;
    sentence.supplied.tariff_date = add_days(start, 365 * (4 + random.below(16)));
    if (*sentence.supplied.tariff_date < today) sentence.target_hearing_date = add_days(today, 30 + random.below(700));
    sentence.offence = random.percent(60) ? "Murder" : "Wounding with intent";
    return sentence;
  }
  auto sentence = determinate_sentence(random, false);
  int custody = custodial_days(sentence);
  if (random.percent(3)) {  // released, then recalled to custody
    sentence.recall = true;
    int licence = sentence.length_days.value_or(0) - custody;
    sentence.start_date = add_days(today, -(custody + 1 + random.below(std::max(1, licence - 1))));
    return sentence;
  }
  if (random.percent(30)) sentence.remand_days = random.below(std::max(1, std::min(180, custody / 3)));
  int served = random.below(std::max(1, custody - sentence.remand_days - 1));
  sentence.start_date = add_days(today, -served);
  return sentence;
}

// Released: on licence, or on post-sentence supervision after a short sentence.
Sentence on_probation_sentence(Random& random, Date today, CaseStage stage) {
  auto sentence = determinate_sentence(random, stage == CaseStage::post_sentence_supervision);
  int custody = custodial_days(sentence);
  int length = sentence.length_days.value_or(0);
  if (stage == CaseStage::post_sentence_supervision) {
    sentence.release_scheme = ReleaseScheme::standard;
    custody = length / 2;
    int supervised_until = custody + 365;  // top-up supervision: 12 months from release
    sentence.start_date = add_days(today, -(length + 1 + random.below(std::max(1, supervised_until - length - 1))));
    return sentence;
  }
  int licence = sentence.release_scheme == ReleaseScheme::extended ? sentence.extension_days.value_or(365)
                                                                   : length - custody;
  sentence.start_date = add_days(today, -(custody + 1 + random.below(std::max(1, licence - 1))));
  return sentence;
}

RiskProfile risk_profile(Random& random, bool in_custody) {
  RiskProfile profile;
  int tier = random.below(100);
  profile.tier = tier < 5 ? Tier::a : tier < 30 ? Tier::b : tier < 75 ? Tier::c : Tier::d;
  int rosh = random.below(100);
  profile.rosh = rosh < 40 ? RoshLevel::low : rosh < 85 ? RoshLevel::medium : rosh < 98 ? RoshLevel::high : RoshLevel::very_high;
  int mappa = random.below(1000);
  profile.mappa = mappa < 5 ? MappaLevel::level_3 : mappa < 25 ? MappaLevel::level_2 : mappa < 125 ? MappaLevel::level_1 : MappaLevel::none;
  profile.iom = random.percent(8);
  profile.early_allocation = in_custody && random.percent(2);
  return profile;
}

Allocation allocation_to(std::int64_t staff_id, Role role, Date from, AllocationKind kind) {
  Allocation allocation;
  allocation.staff_id = staff_id;
  allocation.role = role;
  allocation.from = from;
  allocation.reason = "Synthetic national data";
  allocation.kind = kind;
  return allocation;
}

// A lead from the unit's staff and, for some cases, a different member of it as deputy.
void allocate(std::vector<Allocation>& allocations, Random& random, const std::vector<std::int64_t>& pool, Role role,
              Date from, int deputy_percent) {
  if (pool.empty()) return;
  int lead = random.below(static_cast<int>(pool.size()));
  allocations.push_back(allocation_to(pool[lead], role, from, AllocationKind::lead));
  if (pool.size() > 1 && random.percent(deputy_percent)) {
    int deputy = (lead + 1 + random.below(static_cast<int>(pool.size()) - 1)) % static_cast<int>(pool.size());
    allocations.push_back(allocation_to(pool[deputy], role, from, AllocationKind::deputy));
  }
}

// Staff ids of one role by unit, in the order of `unit_codes`.
std::vector<std::vector<std::int64_t>> pools(const std::vector<StaffMember>& staff, Role role,
                                             const std::vector<std::string>& unit_codes,
                                             std::string StaffMember::*unit_code) {
  std::map<std::string, std::size_t> unit_of;
  for (std::size_t u = 0; u < unit_codes.size(); ++u) unit_of[unit_codes[u]] = u;
  std::vector<std::vector<std::int64_t>> by_unit(unit_codes.size());
  for (const auto& member : staff) {
    auto found = unit_of.find(member.*unit_code);
    if (member.role == role && found != unit_of.end()) by_unit[found->second].push_back(member.id);
  }
  return by_unit;
}

}  // namespace

NationalCaseMaker::NationalCaseMaker(const NationalScale& scale, const NationalPlaces& places,
                                     const std::vector<StaffMember>& staff, Date today)
    : scale_(scale), today_(today) {
  for (const auto& prison : places.prisons) prison_codes_.push_back(prison.code);
  for (const auto& pdu : places.pdus) pdu_codes_.push_back(pdu.code);
  poms_ = pools(staff, Role::pom, prison_codes_, &StaffMember::prison_code);
  key_workers_ = pools(staff, Role::key_worker, prison_codes_, &StaffMember::prison_code);
  coms_ = pools(staff, Role::com, pdu_codes_, &StaffMember::pdu_code);
}

std::vector<store::LoadedCase> NationalCaseMaker::cases(std::int64_t first, std::int64_t count) const {
  std::vector<store::LoadedCase> made;
  made.reserve(static_cast<std::size_t>(std::max<std::int64_t>(0, count)));
  for (auto index = first; index < std::min(first + count, total()); ++index) made.push_back(make_case(index));
  return made;
}

store::LoadedCase NationalCaseMaker::make_case(std::int64_t index) const {
  auto random = random_for(scale_.seed, 2, index);
  bool in_custody = index < scale_.in_custody;
  store::LoadedCase loaded;
  Person& person = loaded.person;
  person.stage = in_custody ? (random.percent(10) ? CaseStage::remand : CaseStage::in_custody)
                            : (random.percent(80) ? CaseStage::on_licence : CaseStage::post_sentence_supervision);
  person.gender = random.percent(in_custody ? 4 : 12) ? Gender::female : Gender::male;
  person.given_name = person.gender == Gender::female ? random.pick(female_names) : random.pick(male_names);
  person.family_name = random.pick(family_names);
  person.date_of_birth = add_days(today_, -(365 * 19 + random.below(365 * 45)));
  int prison = random.below(static_cast<int>(prison_codes_.size()));
  int pdu = random.below(static_cast<int>(pdu_codes_.size()));
  person.prison_number = prison_number(index);
  bool known_to_probation = person.stage != CaseStage::remand || random.percent(50);
  if (known_to_probation) {
    person.crn = crn(index);
    person.pdu_code = pdu_codes_[pdu];
  }
  if (in_custody) person.prison_code = prison_codes_[prison];
  if (random.percent(5)) person.communication_needs = "Prefers information read aloud";

  auto& allocations = loaded.allocations;
  if (person.stage == CaseStage::remand) {
    loaded.dates = case_dates_of(0, assess_case(person, StoredBooking{}, RiskProfile{}, today_), today_);
    if (random.percent(70)) allocate(allocations, random, key_workers_[prison], Role::key_worker, add_days(today_, -random.below(90)), 0);
    return loaded;
  }
  loaded.sentence = in_custody ? in_custody_sentence(random, today_) : on_probation_sentence(random, today_, person.stage);
  loaded.risk_profile = risk_profile(random, in_custody);
  if (in_custody && loaded.sentence->type == SentenceType::indeterminate && random.percent(5))
    loaded.risk_profile->open_prison_arrival_date = add_days(today_, -random.below(200));
  loaded.dates = case_dates_of(0, assess_case(person, booking_of_one(*loaded.sentence), *loaded.risk_profile, today_), today_);

  auto start = *loaded.sentence->start_date;
  const auto& dates = loaded.dates;
  bool com_due = dates.responsibility == Responsibility::com || dates.responsibility == Responsibility::pom_with_com;
  auto com_from = std::clamp(dates.com_allocated_date.value_or(start), start, today_);
  if (in_custody) {
    auto from = std::min(today_, add_days(start, 7 + random.below(30)));
    allocate(allocations, random, poms_[prison], Role::pom, from, 10);
    if (random.percent(90)) allocate(allocations, random, key_workers_[prison], Role::key_worker, from, 0);
    // A few cases still wait for their COM after the start date: the without-COM worklist.
    if (com_due && random.percent(95)) allocate(allocations, random, coms_[pdu], Role::com, com_from, 5);
  } else {
    allocate(allocations, random, coms_[pdu], Role::com, com_from, 8);
  }
  return loaded;
}

NationalLoadSummary load_national_demo(store::Store& store, const Clock& clock, const NationalScale& scale,
                                       const LoadProgress& progress) {
  if (!store.begin_read()->staff().list().empty()) throw Conflict("this database already has staff accounts");
  auto today = clock.today();
  auto demo_hash = hash_password(demo_password);  // hashed once: Argon2id is slow on purpose
  auto started = std::chrono::steady_clock::now();
  NationalLoadSummary summary{scale, 0, 0, 0, 0, 0, {}};
  auto places = national_places(scale);
  auto staff = national_staff(scale, places, today);
  summary.teams = static_cast<int>(places.teams.size());
  summary.staff = static_cast<int>(staff.size());

  auto tx = store.begin_write();
  auto& place_store = tx->places();
  for (const auto& region : places.regions) place_store.insert_region(region);
  for (const auto& prison : places.prisons) place_store.insert_prison(prison);
  for (const auto& pdu : places.pdus) place_store.insert_pdu(pdu);
  for (const auto& team : places.teams) place_store.insert_team(team);
  auto& bulk = tx->bulk_load();
  auto demo_count = demo_accounts("", "", Date{}).size();
  std::span<StaffMember> all_staff{staff};
  bulk.insert_staff(all_staff.first(demo_count), demo_hash);
  // Synthetic staff cannot sign in: their hash is not an Argon2 hash, so no password verifies.
  bulk.insert_staff(all_staff.subspan(demo_count), "synthetic staff: no password");
  progress("staff", static_cast<std::int64_t>(staff.size()), static_cast<std::int64_t>(staff.size()));

  NationalCaseMaker maker{scale, places, staff, today};
  CaseWorkMaker work_maker{scale.seed, today, clock.now_iso(), clock.now_seconds()};
  std::int64_t case_work_rows = 0;
  constexpr std::int64_t batch = 5'000;
  for (std::int64_t first = 0; first < maker.total(); first += batch) {
    auto cases = maker.cases(first, batch);
    bulk.insert_cases(cases);
    for (std::size_t i = 0; i < cases.size(); ++i) {
      summary.allocations += static_cast<std::int64_t>(cases[i].allocations.size());
      auto work = work_maker.make(cases[i], first + static_cast<std::int64_t>(i));
      case_work_rows += store_case_work(*tx, work);
    }
    progress("people", first + static_cast<std::int64_t>(cases.size()), maker.total());
  }

  nlohmann::json counts{{"regions", places.regions.size()}, {"prisons", places.prisons.size()},
                        {"pdus", places.pdus.size()},       {"teams", places.teams.size()},
                        {"staff", staff.size()},            {"in_custody", scale.in_custody},
                        {"on_probation", scale.on_probation}, {"allocations", summary.allocations},
                        {"seed", scale.seed}};
  // One event for the whole load, not one per synthetic record (docs/decisions.md); the system did it.
  tx->journal().append({std::nullopt, std::nullopt, "demo.national_loaded", "load", 0,
                        "Synthetic national data set loaded", "resettle demo --scale national", counts});
  enrol_demo_two_factor(*tx, clock);
  summary.rows = bulk.rows_inserted() + case_work_rows + static_cast<std::int64_t>(places.regions.size() + places.prisons.size() +
                                                                  places.pdus.size() + places.teams.size()) + 1;
  tx->commit();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const auto& member : std::span<const StaffMember>{staff}.first(demo_count))
    summary.sign_ins.push_back({member.username, std::string{role_label(member.role)}});
  return summary;
}

}  // namespace resettle::services
