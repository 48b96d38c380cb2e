// Unit tests of CSV (domain/csv.hpp).
#include "domain/csv.hpp"

#include <gtest/gtest.h>

using namespace resettle;

using Fields = std::vector<std::string>;

TEST(Csv, ReadsHeaderAndRecordsWithTheirLines) {
  auto table = read_csv("id,name\r\n1,Leeds\r\n2,Wakefield");
  EXPECT_EQ(table.header, (Fields{"id", "name"}));
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].line, 2u);
  EXPECT_EQ(table.records[1].fields, (Fields{"2", "Wakefield"}));
  EXPECT_TRUE(table.problems.empty());
}

TEST(Csv, HandlesQuotedCommasQuotesAndLineBreaks) {
  auto table = read_csv("id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,x\n");
  ASSERT_EQ(table.records.size(), 4u);
  EXPECT_EQ(table.records[0].fields[1], "a, b");
  EXPECT_EQ(table.records[1].fields[1], "say \"hi\"");
  EXPECT_EQ(table.records[2].fields[1], "two\nlines");
  EXPECT_EQ(table.records[3].line, 6u);  // the quoted line break moved it down one line
}

TEST(Csv, SkipsTheByteOrderMarkAndBlankLines) {
  auto table = read_csv("\xEF\xBB\xBFid,name\n\n1,a\r\n\r\n");
  EXPECT_EQ(table.header, (Fields{"id", "name"}));
  ASSERT_EQ(table.records.size(), 1u);
  EXPECT_EQ(table.records[0].line, 3u);
}

TEST(Csv, KeepsEmptyFieldsIncludingATrailingOne) {
  auto table = read_csv("a,b,c\n,,\n1,2,");
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].fields, (Fields{"", "", ""}));
  EXPECT_EQ(table.records[1].fields, (Fields{"1", "2", ""}));
}

TEST(Csv, RejectsAStrayQuoteAndCarriesOnWithTheNextRecord) {
  auto table = read_csv("id,name\n1,ab\"c\n2,ok\n");
  ASSERT_EQ(table.problems.size(), 1u);
  EXPECT_EQ(table.problems[0].line, 2u);
  EXPECT_EQ(table.problems[0].column, 1u);
  EXPECT_NE(table.problems[0].message.find("quote"), std::string::npos);
  ASSERT_EQ(table.records.size(), 1u);
  EXPECT_EQ(table.records[0].fields[0], "2");
}

TEST(Csv, RejectsTextAfterAClosingQuote) {
  auto table = read_csv("id,name\n\"1\"x,a\n2,b\n");
  ASSERT_EQ(table.problems.size(), 1u);
  EXPECT_EQ(table.problems[0].column, 0u);
  EXPECT_EQ(table.records.size(), 1u);
}

TEST(Csv, ReportsAQuoteThatIsNeverClosed) {
  auto table = read_csv("id,name\n1,ok\n2,\"never closed\n3,lost\n");
  ASSERT_EQ(table.problems.size(), 1u);
  EXPECT_EQ(table.problems[0].line, 3u);
  EXPECT_NE(table.problems[0].message.find("never closed"), std::string::npos);
  EXPECT_EQ(table.records.size(), 1u);
}

TEST(Csv, StopsWhenTheHeaderIsMalformed) {
  auto table = read_csv("id,\"name\n1,a\n");
  EXPECT_TRUE(table.header.empty());
  ASSERT_EQ(table.problems.size(), 1u);
  EXPECT_EQ(table.problems[0].message.rfind("Header", 0), 0u);
}

TEST(Csv, EmptyTextHasNoHeader) {
  auto table = read_csv("");
  EXPECT_TRUE(table.header.empty());
  EXPECT_TRUE(table.records.empty());
}

TEST(Csv, WritesWithQuotesOnlyWhereNeededAndReadsBackTheSame) {
  std::vector<Fields> rows{{"id", "text"}, {"1", "plain"}, {"2", "a, \"b\"\r\nc"}, {"3", ""}};
  auto text = write_csv(rows);
  EXPECT_EQ(text.substr(0, 17), "id,text\r\n1,plain\r");
  EXPECT_NE(text.find("\"a, \"\"b\"\"\r\nc\""), std::string::npos);
  auto table = read_csv(text);
  ASSERT_EQ(table.records.size(), 3u);
  EXPECT_EQ(table.records[1].fields[1], "a, \"b\"\r\nc");
  EXPECT_EQ(table.records[2].fields, (Fields{"3", ""}));
}

TEST(Csv, ALoneEmptyFieldSurvivesTheRoundTrip) {
  std::vector<Fields> rows{{"note"}, {""}, {"x"}};
  auto table = read_csv(write_csv(rows));
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].fields, (Fields{""}));
}
