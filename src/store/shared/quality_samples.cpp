// Quality reviews, for both stores: the answers as one JSON object by question code, each
// {"finding": <finding code>, "note": <text>}.
#include "store/shared/quality_review_repositories.hpp"

#include <nlohmann/json.hpp>

#include "store/postgresql/sql.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {

using nlohmann::json;

constexpr std::string_view columns =
    "SELECT id, version, scope_kind, scope_code, month, person_id, answers, reviewed_by, reviewed_on FROM quality_review ";

std::string answers_json(const QualityReview& review) {
  json stored = json::object();
  for (const auto& [question, answer] : review.answers)
    stored[std::string{entry_for(quality_questions(), question).code}] = {
        {"finding", entry_for(findings(), answer.finding).code}, {"note", answer.note}};
  return stored.dump();
}

// Answers to a question this build does not know are left out: codes are only ever added, so an older
// reader meets them only after a newer one wrote them.
template <typename Db>
std::map<QualityQuestion, QualityAnswer> answers_from(std::string_view text) {
  std::map<QualityQuestion, QualityAnswer> answers;
  const auto stored = json::parse(text);  // items() refers to it: it must outlive the loop
  for (const auto& [code, answer] : stored.items()) {
    auto question = parse_code(quality_questions(), code);
    auto finding = parse_code(findings(), answer.at("finding").template get<std::string>());
    if (!finding) throw typename Sql<Db>::Error("unknown finding in the quality_review table");
    if (question) answers[*question] = {*finding, answer.at("note").template get<std::string>()};
  }
  return answers;
}

template <typename Db>
QualityReview review_from(const StatementOf<Db>& row) {
  QualityReview review;
  review.id = row.integer(0);
  review.version = row.integer(1);
  review.unit = {stored_code<Db>(row, 2, scope_kinds(), "quality_review"), row.text(3)};
  auto month = parse_month(row.text_view(4));
  if (!month) throw typename Sql<Db>::Error("bad month '" + row.text(4) + "' in the quality_review table");
  review.month = *month;
  review.person_id = row.integer(5);
  review.answers = answers_from<Db>(row.text_view(6));
  review.reviewed_by = row.integer(7);
  review.reviewed_on = row.date(8).value_or(Date{});
  return review;
}

std::string kind_of(const InsightScope& unit) { return std::string{entry_for(scope_kinds(), unit.kind).code}; }

}  // namespace

template <Database Db>
std::optional<QualityReview> QualityReviews<Db>::find(const InsightScope& unit, Month month, std::int64_t person_id) {
  auto& row = db_.prepare(std::string{columns} + "WHERE scope_kind = ? AND scope_code = ? AND month = ? AND person_id = ?")
                  .bind(kind_of(unit), unit.code, to_iso(month), person_id);
  if (!row.step()) return std::nullopt;
  return review_from<Db>(row);
}

template <Database Db>
std::vector<QualityReview> QualityReviews<Db>::for_month(const InsightScope& unit, Month month) {
  return read_all(
      db_.prepare(std::string{columns} + "WHERE scope_kind = ? AND scope_code = ? AND month = ? ORDER BY person_id")
          .bind(kind_of(unit), unit.code, to_iso(month)),
      review_from<Db>);
}

template <Database Db>
std::int64_t QualityReviews<Db>::save(const QualityReview& review, std::int64_t expected_version) {
  if (expected_version == 0) {
    if (find(review.unit, review.month, review.person_id))
      throw StaleVersion("the review of person " + std::to_string(review.person_id) + " was recorded meanwhile");
    db_.prepare("INSERT INTO quality_review (scope_kind, scope_code, month, person_id, answers, reviewed_by, reviewed_on) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(kind_of(review.unit), review.unit.code, to_iso(review.month), review.person_id, answers_json(review),
              review.reviewed_by, review.reviewed_on)
        .run();
    return 1;
  }
  auto& statement = db_.prepare(
      "UPDATE quality_review SET version = version + 1, answers = ?, reviewed_by = ?, reviewed_on = ?, "
      "updated_at = " + std::string{Sql<Db>::now} +
      " WHERE scope_kind = ? AND scope_code = ? AND month = ? AND person_id = ? AND version = ?");
  statement.bind(answers_json(review), review.reviewed_by, review.reviewed_on, kind_of(review.unit), review.unit.code,
                 to_iso(review.month), review.person_id, expected_version)
      .run();
  require_changed(statement, "the review of person", review.person_id);
  return expected_version + 1;
}

template class QualityReviews<sqlite::Connection>;
template class QualityReviews<postgresql::Connection>;

}  // namespace resettle::store::shared
