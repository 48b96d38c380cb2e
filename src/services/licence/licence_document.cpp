// The licence document: gathered in one audited read, and written as a PDF with libharu.
#include "services/licence/licence_document.hpp"

#include <hpdf.h>

#include <memory>
#include <stdexcept>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "domain/licence/licence_status.hpp"
#include "services/people/case_records.hpp"

namespace resettle::services {

namespace {

std::string written_date(const std::optional<Date>& date, Language language, const LicenceDocumentLabels& labels) {
  return date ? long_date(*date, language) : labels.not_known;
}

// --- PDF ---------------------------------------------------------------------------------------

struct PdfDeleter {
  void operator()(HPDF_Doc pdf) const { HPDF_Free(pdf); }
};

void ignore_errors(HPDF_STATUS, HPDF_STATUS, void*) {}  // checked by HPDF_GetError after each step

constexpr HPDF_REAL page_margin = 56;  // about 2 cm
constexpr HPDF_REAL body_size = 11;
constexpr HPDF_REAL line_gap = 4;

// Writes flowing text down A4 pages, starting a new page when one is full.
class PdfWriter {
 public:
  PdfWriter(HPDF_Doc pdf, HPDF_Font regular, HPDF_Font bold) : pdf_(pdf), regular_(regular), bold_(bold) { new_page(); }

  // A paragraph, wrapped at word boundaries, indented by `indent`.
  void paragraph(const std::string& text, HPDF_REAL size, bool strong, HPDF_REAL indent = 0, HPDF_REAL after = 6) {
    HPDF_Page_SetFontAndSize(page_, strong ? bold_ : regular_, size);
    HPDF_REAL width = HPDF_Page_GetWidth(page_) - 2 * page_margin - indent;
    std::string line;
    std::size_t start = 0;
    while (start < text.size()) {
      auto end = text.find(' ', start);
      if (end == std::string::npos) end = text.size();
      std::string word = text.substr(start, end - start);
      std::string longer = line.empty() ? word : line + " " + word;
      if (!line.empty() && HPDF_Page_TextWidth(page_, longer.c_str()) > width) {
        write_line(line, size, strong, indent);
        line = word;
      } else {
        line = longer;
      }
      start = end + 1;
    }
    if (!line.empty()) write_line(line, size, strong, indent);
    y_ -= after;
  }

  // A number in the margin beside the paragraph that follows it.
  void number(int value, HPDF_REAL size) {
    ensure_room(size);
    HPDF_Page_SetFontAndSize(page_, bold_, size);
    text_at(std::to_string(value) + ".", page_margin, y_ - size);
  }

 private:
  void new_page() {
    page_ = HPDF_AddPage(pdf_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    y_ = HPDF_Page_GetHeight(page_) - page_margin;
  }

  void ensure_room(HPDF_REAL size) {
    if (y_ - size < page_margin) new_page();
  }

  void write_line(const std::string& line, HPDF_REAL size, bool strong, HPDF_REAL indent) {
    if (y_ - size < page_margin) {
      new_page();
      HPDF_Page_SetFontAndSize(page_, strong ? bold_ : regular_, size);
    }
    y_ -= size;
    text_at(line, page_margin + indent, y_);
    y_ -= line_gap;
  }

  void text_at(const std::string& text, HPDF_REAL x, HPDF_REAL y) {
    HPDF_Page_BeginText(page_);
    HPDF_Page_TextOut(page_, x, y, text.c_str());
    HPDF_Page_EndText(page_);
  }

  HPDF_Doc pdf_;
  HPDF_Font regular_;
  HPDF_Font bold_;
  HPDF_Page page_ = nullptr;
  HPDF_REAL y_ = 0;
};

HPDF_Font load_font(HPDF_Doc pdf, const std::filesystem::path& file) {
  const char* name = HPDF_LoadTTFontFromFile(pdf, file.c_str(), HPDF_TRUE);
  if (name == nullptr) throw std::runtime_error("cannot load the font " + file.string());
  return HPDF_GetFont(pdf, name, "UTF-8");
}

void write_conditions(PdfWriter& writer, const LicenceDocument& document, const std::string& heading,
                      const std::vector<RenderedCondition>& conditions, int& number) {
  if (conditions.empty()) return;
  const auto& labels = document.labels;
  writer.paragraph(heading, 14, true, 0, 8);
  for (const auto& condition : conditions) {
    writer.number(++number, body_size);
    if (!document.easy_read) {
      writer.paragraph(condition.wording, body_size, false, 24, 8);
      continue;
    }
    writer.paragraph(labels.explanation, body_size, true, 24, 2);
    writer.paragraph(condition.explanation.in(document.language), body_size + 1, false, 24, 4);
    writer.paragraph(labels.wording, 9, true, 24, 2);
    writer.paragraph(condition.wording, 9, false, 24, 10);
  }
}

}  // namespace

LicenceDocumentLabels licence_document_labels(Language language) {
  return {translated("Licence", language),
          translated("Your licence conditions, explained", language),
          translated("Name", language),
          translated("Prison number", language),
          translated("Release date", language),
          translated("In force from", language),
          translated("Supervising officer", language),
          translated("Probation office", language),
          translated("Licence conditions policy", language),
          translated("Standard conditions", language),
          translated("Additional conditions", language),
          // TRANSLATORS: the legal wording that follows stays in English; say so.
          translated("What the licence says", language),
          translated("What this means for you", language),
          translated("Not known yet", language),
          translated("Draft: this licence has not been approved yet", language)};
}

LicenceDocument licence_document(store::Store& store, const ConditionCatalogues& catalogues, const StaffMember& actor,
                                 std::int64_t licence_id, Language language, bool easy_read) {
  auto tx = store.begin_audit_write();  // the read is audited
  auto licence = tx->licences().find(licence_id);
  if (!licence) throw NotFound("licence " + std::to_string(licence_id) + " not found");
  auto person = require_visible_person(*tx, actor, licence->person_id, "licence document");
  tx->access_log().record(actor.id, person.id, "licence document", true);
  auto labels = licence_document_labels(language);
  LicenceDocument document;
  document.language = language;
  document.easy_read = easy_read;
  document.labels = labels;
  document.licence_id = licence->id;
  document.person_id = person.id;
  document.number = licence->number;
  document.approved = is_approved(licence->status);
  document.person_name = person.full_name();
  document.prison_number = person.prison_number;
  std::optional<Date> release_date;
  if (auto dates = tx->case_dates().find(person.id)) release_date = dates->release_date;
  document.release_date = written_date(release_date, language, labels);
  document.in_force_from = written_date(licence->active_from, language, labels);
  document.supervising_officer = labels.not_known;
  document.office = labels.not_known;
  for (const auto& allocation : tx->allocations().current_for_person(person.id)) {
    if (allocation.role != Role::com || allocation.kind != AllocationKind::lead) continue;
    if (auto officer = tx->staff().find(allocation.staff_id)) {
      document.supervising_officer = officer->display_name;
      if (auto pdu = tx->places().find_pdu(officer->pdu_code)) document.office = pdu->name;
    }
  }
  document.policy_version = licence->policy_version;
  const auto& catalogue = catalogues.version(licence->policy_version);
  for (const auto& condition : licence->conditions)
    (condition.kind == ConditionKind::standard ? document.standard : document.additional)
        .push_back(render(condition, catalogue));
  tx->commit();
  return document;
}

std::string licence_pdf(const LicenceDocument& document, const std::filesystem::path& font_directory) {
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, PdfDeleter> pdf{HPDF_New(ignore_errors, nullptr)};
  if (!pdf) throw std::runtime_error("cannot start a PDF");
  HPDF_UseUTFEncodings(pdf.get());
  HPDF_SetCompressionMode(pdf.get(), HPDF_COMP_ALL);
  HPDF_Font regular = load_font(pdf.get(), font_directory / "LiberationSans-Regular.ttf");
  HPDF_Font bold = load_font(pdf.get(), font_directory / "LiberationSans-Bold.ttf");
  const auto& labels = document.labels;
  PdfWriter writer{pdf.get(), regular, bold};
  writer.paragraph((document.easy_read ? labels.easy_read_title : labels.title) + " " + std::to_string(document.number),
                   20, true, 0, 10);
  if (!document.approved) writer.paragraph(labels.not_yet_approved, body_size, true, 0, 10);
  for (const auto& [label, value] : {std::pair{&labels.name, &document.person_name},
                                     {&labels.prison_number, &document.prison_number},
                                     {&labels.release_date, &document.release_date},
                                     {&labels.in_force_from, &document.in_force_from},
                                     {&labels.supervising_officer, &document.supervising_officer},
                                     {&labels.office, &document.office},
                                     {&labels.policy, &document.policy_version}})
    writer.paragraph(*label + ": " + *value, body_size, false, 0, 2);
  writer.paragraph("", body_size, false, 0, 8);
  int number = 0;
  write_conditions(writer, document, labels.standard_conditions, document.standard, number);
  write_conditions(writer, document, labels.additional_conditions, document.additional, number);
  if (HPDF_GetError(pdf.get()) != HPDF_OK)
    throw std::runtime_error("the PDF could not be written (libharu error " + std::to_string(HPDF_GetError(pdf.get())) + ")");
  HPDF_SaveToStream(pdf.get());
  std::string bytes(HPDF_GetStreamSize(pdf.get()), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ReadFromStream(pdf.get(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  bytes.resize(size);
  return bytes;
}

}  // namespace resettle::services
