// Samples the catalogue check runs on (po/catalogue.mjs, samplesMisread): never compiled. A line
// ending in "unmarked" must be caught; every other line must pass. One of each shape the check knows.
view["heading"] = "Put the case in an IOM cohort";  // unmarked
view["heading"] = staff_text("Put the case in an IOM cohort");
rows.push_back({{"key", "Cohort"}, {"value", staff_text("Not in IOM")}});  // unmarked
rows.push_back({{"key", staff_text("Cohort")}, {"value", "Not in IOM"}});  // unmarked
rows.push_back({{"key", staff_text("Cohort")}, {"value", "fixed"}});
auto field = form_field(form, "starts_on", "From");  // unmarked
auto page = page_view(caller, "Shared case", "/iom/cases");  // unmarked
return error_page(context, &caller, 404, "Page not found", "Check the address.");  // unmarked
auto options = with_blank_option(options, "Choose a worker");  // unmarked
auto options = with_blank_option(options, staff_text("Choose a worker"));
auto whose = parts.all_actions ? "The risk management plan's actions" : agencies;  // unmarked
auto whose = parts.all_actions ? agencies : std::string{"The actions owned by the police"};  // unmarked
auto whose = parts.all_actions ? staff_text("The risk management plan's actions") : agencies;
auto kind = prison ? "prison" : "pdu";
static const Link links[] = {{"My caseload", "/caseload"}};  // unmarked
static const Link links[] = {{staff_text("My caseload"), "/caseload"}};
navigation.push_back({{"name", "Insight"}, {"href", "/insight"}});  // unmarked
navigation.push_back({{"name", "staff_id"}, {"href", "/insight"}});
auto summary = rows_of({{"Organisation", service.organisation}});  // unmarked
auto summary = rows_of({{staff_text("Organisation"), service.organisation}});
for (const char* heading : {"Name", "CRN", "Officer"}) head.push_back(heading);  // unmarked
for (std::string_view part : {"years", "months", "weeks", "days"}) parts.push_back(part);
sections.push_back(section("Cohorts", table, empty, staff_text("The case has never been in IOM.")));  // unmarked
sections.push_back(section(staff_text("Cohorts"), table, empty, "The case has never been in IOM."));  // unmarked
auto listed = table(staff_text("Cases you are named on"), {staff_text("Name"), "Prison number"}, rows);  // unmarked
auto listed = table(staff_text("Cases you are named on"), {staff_text("Name"), staff_text("Prison number")}, rows);
shown["flags"] = check_items(form, {{"sds_plus", "A serious offence the law names for SDS+"}});  // unmarked
shown["flags"] = check_items(form, {{"sds_plus", staff_text("A serious offence the law names for SDS+")}});
throw ValidationFailed("staff_id", "is not an active member of staff");  // unmarked
throw ValidationFailed("staff_id", staff_text("is not an active member of staff"));
reader.fail("scope", "Choose a team, probation delivery unit or prison");  // unmarked
reader.fail("scope", staff_text("Choose a team, probation delivery unit or prison"));
errors.push_back({"label", "must be 1 to 100 characters"});  // unmarked
errors.push_back({"label", staff_text("must be 1 to 100 characters")});
auto title = staff_text(exclusion ? "End ((name))'s exclusion" : "Take ((name)) off the list", {{"name", name}});  // unmarked
auto title = exclusion ? staff_text("End ((name))'s exclusion", {{"name", name}}) : staff_text("Take ((name)) off", {{"name", name}});
if (error.field == "starts_on") label = "The start date";  // unmarked
if (error.field == "starts_on") label = staff_text("The start date");
view["draft_notice"] = "Draft: no manager has decided this recall yet";  // unmarked
response.headers["WWW-Authenticate"] = "Bearer";
if (!status.overdue) return "No";  // unmarked
if (!status.overdue) return staff_text("No");
auto gaps = std::to_string(n) + (n == 1 ? " thing" : " things") + " to do";  // unmarked
auto gaps = "Release day: " + std::to_string(n) + " thing" + (n != 1 ? "s" : "");  // unmarked
auto gaps = staff_text_plural("((count)) thing to do", "((count)) things to do", n);
auto gaps = staff_text_plural(singular, "((count)) things to do", n);  // unmarked
auto gaps = staff_text_plural("((count)) thing to do", plural, n);  // unmarked
auto kind = count == 1 ? Kind::one : Kind::many;
    {Worklist::handovers, "/worklists", "Handovers due"},  // unmarked
    {Worklist::handovers, "/worklists", staff_label("Handovers due")},
auto label = staff_label(name);  // unmarked
// A comment may hold "Quoted words" and pass.
