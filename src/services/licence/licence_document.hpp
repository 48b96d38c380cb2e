#pragma once
// The licence as the person receives it: the printable licence (one numbered item per condition)
// and the easy-read version (each condition beside what it means day to day), in English or Welsh,
// as a page and as a PDF.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "domain/licence/licence.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

// The headings and labels of the document in one language.
struct LicenceDocumentLabels {
  std::string title;               // "Licence" / "Trwydded"
  std::string easy_read_title;     // "Your licence conditions, explained"
  std::string name;
  std::string prison_number;
  std::string release_date;
  std::string in_force_from;
  std::string supervising_officer;
  std::string office;
  std::string policy;
  std::string standard_conditions;
  std::string additional_conditions;
  std::string wording;      // the legal wording, in the easy-read version
  std::string explanation;  // "What this means for you"
  std::string not_known;
  std::string not_yet_approved;  // said on a licence that is not approved or active
};
LicenceDocumentLabels licence_document_labels(Language language);  // from the message catalogue

struct LicenceDocument {
  Language language = Language::en;
  bool easy_read = false;
  LicenceDocumentLabels labels;
  std::int64_t licence_id = 0;
  std::int64_t person_id = 0;
  int number = 1;
  bool approved = false;  // is_approved: no "not yet approved" notice
  std::string person_name;
  std::string prison_number;
  std::string release_date;  // written out in the document's language, or the "not known" label
  std::string in_force_from;
  std::string supervising_officer;  // the current COM, or the "not known" label
  std::string office;               // their probation delivery unit
  std::string policy_version;
  std::vector<RenderedCondition> standard;  // in licence order; numbered on from the standard ones
  std::vector<RenderedCondition> additional;
};

// Audited read of one licence as a document; NotFound when its person is not visible.
LicenceDocument licence_document(store::Store& store, const ConditionCatalogues& catalogues, const StaffMember& actor,
                                 std::int64_t licence_id, Language language, bool easy_read);

// The document as a PDF (A4, Liberation Sans from `font_directory`, embedded, so Welsh letters such
// as ŵ and ŷ print). Throws std::runtime_error when the font cannot be loaded.
std::string licence_pdf(const LicenceDocument& document, const std::filesystem::path& font_directory);

}  // namespace resettle::services
