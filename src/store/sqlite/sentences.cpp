// The SQLite sentence repository (see repositories.hpp).
#include "domain/errors.hpp"
#include "store/sqlite/repositories.hpp"

namespace resettle::store::sqlite {

namespace {
constexpr std::string_view sentence_columns =
    "id, person_id, version, legal_status, sentence_type, release_scheme, start_date, length_days, extension_days, "
    "remand_days, tagged_bail_days, recall, target_hearing_date, last_parole_outcome_release, offence, "
    "conditional_release_date, automatic_release_date, parole_eligibility_date, "
    "home_detention_curfew_eligibility_date, licence_expiry_date, sentence_expiry_date, "
    "sentence_and_licence_expiry_date, top_up_supervision_expiry_date, tariff_date, recall_type, recall_revoked_on, "
    "recall_returned_on";

std::optional<int> optional_int(const Statement& row, int column) {
  auto value = row.optional_integer(column);
  if (!value) return std::nullopt;
  return static_cast<int>(*value);
}

Sentence read_row(const Statement& row) {
  Sentence sentence;
  sentence.id = row.integer(0);
  sentence.person_id = row.integer(1);
  sentence.version = row.integer(2);
  sentence.legal_status = parse_code(legal_statuses(), row.text_view(3)).value_or(LegalStatus::sentenced);
  sentence.type = parse_code(sentence_types(), row.text_view(4)).value_or(SentenceType::determinate);
  sentence.release_scheme = parse_code(release_schemes(), row.text_view(5)).value_or(ReleaseScheme::standard);
  sentence.start_date = row.date(6);
  sentence.length_days = optional_int(row, 7);
  sentence.extension_days = optional_int(row, 8);
  sentence.remand_days = static_cast<int>(row.integer(9));
  sentence.tagged_bail_days = static_cast<int>(row.integer(10));
  sentence.recall = row.integer(11) != 0;
  sentence.target_hearing_date = row.date(12);
  sentence.last_parole_outcome_release = row.integer(13) != 0;
  sentence.offence = row.text(14);
  auto& supplied = sentence.supplied;
  supplied.conditional_release_date = row.date(15);
  supplied.automatic_release_date = row.date(16);
  supplied.parole_eligibility_date = row.date(17);
  supplied.home_detention_curfew_eligibility_date = row.date(18);
  supplied.licence_expiry_date = row.date(19);
  supplied.sentence_expiry_date = row.date(20);
  supplied.sentence_and_licence_expiry_date = row.date(21);
  supplied.top_up_supervision_expiry_date = row.date(22);
  supplied.tariff_date = row.date(23);
  if (!row.is_null(24))
    sentence.recall_served = Recall{code_column(row, 24, recall_types(), "sentence"), row.date(25), row.date(26)};
  return sentence;
}

template <typename... Tail>
void bind_sentence(Statement& statement, const Sentence& s, const Tail&... tail) {
  const auto& supplied = s.supplied;
  const auto& served = s.recall_served;
  std::optional<std::string_view> recall_type;
  if (served) recall_type = entry_for(recall_types(), served->type).code;
  statement.bind(entry_for(legal_statuses(), s.legal_status).code, entry_for(sentence_types(), s.type).code,
                 entry_for(release_schemes(), s.release_scheme).code, s.start_date, s.length_days, s.extension_days,
                 s.remand_days, s.tagged_bail_days, s.recall, s.target_hearing_date, s.last_parole_outcome_release,
                 s.offence, supplied.conditional_release_date, supplied.automatic_release_date,
                 supplied.parole_eligibility_date, supplied.home_detention_curfew_eligibility_date,
                 supplied.licence_expiry_date, supplied.sentence_expiry_date,
                 supplied.sentence_and_licence_expiry_date, supplied.top_up_supervision_expiry_date,
                 supplied.tariff_date, recall_type, served ? served->revoked_on : std::nullopt,
                 served ? served->returned_on : std::nullopt, tail...);
}
}  // namespace

std::int64_t SqliteSentences::insert(const Sentence& sentence) {
  auto& statement = db_.prepare(
      "INSERT INTO sentence (legal_status, sentence_type, release_scheme, start_date, length_days, extension_days, "
      "remand_days, tagged_bail_days, recall, target_hearing_date, last_parole_outcome_release, offence, "
      "conditional_release_date, automatic_release_date, parole_eligibility_date, "
      "home_detention_curfew_eligibility_date, licence_expiry_date, sentence_expiry_date, "
      "sentence_and_licence_expiry_date, top_up_supervision_expiry_date, tariff_date, recall_type, recall_revoked_on, "
      "recall_returned_on, person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_sentence(statement, sentence, sentence.person_id);
  statement.run();
  return db_.last_insert_id();
}

std::optional<Sentence> SqliteSentences::find(std::int64_t id) {
  auto& statement = db_.prepare("SELECT " + std::string{sentence_columns} + " FROM sentence WHERE id = ?");
  statement.bind(id);
  if (!statement.step()) return std::nullopt;
  return read_row(statement);
}

void SqliteSentences::update(const Sentence& sentence, std::int64_t expected_version) {
  auto& statement = db_.prepare(
      "UPDATE sentence SET legal_status = ?, sentence_type = ?, release_scheme = ?, start_date = ?, length_days = ?, "
      "extension_days = ?, remand_days = ?, tagged_bail_days = ?, recall = ?, target_hearing_date = ?, "
      "last_parole_outcome_release = ?, offence = ?, conditional_release_date = ?, automatic_release_date = ?, "
      "parole_eligibility_date = ?, home_detention_curfew_eligibility_date = ?, licence_expiry_date = ?, "
      "sentence_expiry_date = ?, sentence_and_licence_expiry_date = ?, top_up_supervision_expiry_date = ?, "
      "tariff_date = ?, recall_type = ?, recall_revoked_on = ?, recall_returned_on = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
      "WHERE id = ? AND version = ?");
  bind_sentence(statement, sentence, sentence.id, expected_version);
  statement.run();
  require_changed(statement, "sentence", sentence.id);
}

std::vector<Sentence> SqliteSentences::for_person(std::int64_t person_id) {
  auto& statement = db_.prepare("SELECT " + std::string{sentence_columns} +
                                " FROM sentence WHERE person_id = ? ORDER BY id DESC");
  statement.bind(person_id);
  std::vector<Sentence> sentences;
  while (statement.step()) sentences.push_back(read_row(statement));
  return sentences;
}

}  // namespace resettle::store::sqlite
