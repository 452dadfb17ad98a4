// SHA-256 against the FIPS 180-4 / NIST example vectors, and the journal
// chain's canonical encoding pinned byte for byte (the expected hashes were
// computed apart, with Python's hashlib, from the documented encoding).
#include <string>

#include <gtest/gtest.h>

#include "core/sha256.hpp"
#include "ledger/journal_chain.hpp"

namespace jiangbu {
namespace {

TEST(Sha256Test, MatchesPublishedVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 million;
  const std::string thousand(1000, 'a');
  for (int chunk = 0; chunk < 1000; ++chunk) million.update(thousand);
  EXPECT_EQ(million.hex_digest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, RecognisesStoredHashText) {
  EXPECT_TRUE(is_sha256_hex(sha256_hex("abc")));
  EXPECT_FALSE(is_sha256_hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
  EXPECT_FALSE(is_sha256_hex(sha256_hex("abc").substr(1)));
  EXPECT_FALSE(is_sha256_hex(""));
}

JournalEntry sample_entry() {
  JournalEntry entry;
  entry.entry_id = 7;
  entry.book_id = "bureau";
  entry.voucher_number = "记-2024-000001";
  entry.fiscal_year = 2024;
  entry.entry_date = Date::parse("2024-03-01").value();
  entry.memo = "计提奖补";
  entry.source_reference = "award:XX2024-001";
  entry.recorded_at = "2024-03-01T02:00:00Z";
  entry.postings = {Posting{1, "5001", Side::debit, Money::from_fen(20000000)},
                    Posting{2, "2303/XX2024-001/u", Side::credit, Money::from_fen(20000000)}};
  return entry;
}

constexpr const char* sample_genesis = "fb0f2907ae313182541e1bb9607dfa07bf7a3b2bff342318c72772646a188fad";

TEST(JournalChainEncodingTest, GenesisIsDerivedFromBookAndYear) {
  EXPECT_EQ(chain_genesis_hash("bureau", 2024), sample_genesis);
  EXPECT_NE(chain_genesis_hash("bureau", 2025), sample_genesis);
  EXPECT_NE(chain_genesis_hash("bureau2", 2024), sample_genesis);
}

TEST(JournalChainEncodingTest, EncodesAnEntryExactlyAsDocumented) {
  const std::string expected =
      std::string("24:jiangbu-journal-entry-v1,64:") + sample_genesis +
      ",1:7,6:bureau,15:记-2024-000001,4:2024,10:2024-03-01,12:计提奖补,16:award:XX2024-001,0:,"
      "20:2024-03-01T02:00:00Z,1:1,4:5001,5:debit,8:20000000,1:2,17:2303/XX2024-001/u,6:credit,"
      "8:20000000,1:2,";
  EXPECT_EQ(canonical_entry_encoding(sample_entry(), sample_genesis), expected);
  EXPECT_EQ(entry_chain_hash(sample_entry(), sample_genesis),
            "03eadffd597ae1d9adc4cf5258b35cb5551d0f40a54f75ccb478f0fcdd691507");
  EXPECT_EQ(entry_chain_hash(sample_entry(), sample_genesis), sha256_hex(expected));
}

TEST(JournalChainEncodingTest, EveryFieldChangesTheHash) {
  const std::string original = entry_chain_hash(sample_entry(), sample_genesis);
  std::vector<JournalEntry> variants(9, sample_entry());
  variants[0].postings[0].amount = Money::from_fen(20000001);
  variants[1].memo = "计提奖补 ";
  variants[2].entry_date = Date::parse("2024-03-02").value();
  variants[3].reverses_entry_id = 3;
  variants[4].postings[1].account_code = "2303/XX2024-001/v";
  variants[5].postings[0].side = Side::credit;
  variants[6].postings.pop_back();
  variants[7].recorded_at = "2024-03-01T02:00:01Z";
  variants[8].entry_id = 8;
  for (std::size_t index = 0; index < variants.size(); ++index) {
    EXPECT_NE(entry_chain_hash(variants[index], sample_genesis), original) << "variant " << index;
  }
  EXPECT_NE(entry_chain_hash(sample_entry(), sha256_hex("another previous entry")), original);
}

TEST(JournalChainEncodingTest, NetstringsKeepFieldBoundaries) {
  // Without lengths, memo "ab" + source "c" and memo "a" + source "bc" would collide.
  JournalEntry first = sample_entry();
  JournalEntry second = sample_entry();
  first.memo = "ab";
  first.source_reference = "c";
  second.memo = "a";
  second.source_reference = "bc";
  EXPECT_NE(entry_chain_hash(first, sample_genesis), entry_chain_hash(second, sample_genesis));
}

TEST(JournalChainEncodingTest, ReadsTheVoucherSequence) {
  EXPECT_EQ(voucher_sequence_of("记-2024-000001"), 1);
  EXPECT_EQ(voucher_sequence_of("记-2024-1000000"), 1000000);
  EXPECT_EQ(voucher_sequence_of("记-2024-"), 0);
  EXPECT_EQ(voucher_sequence_of("记-2024-00x1"), 0);
  EXPECT_EQ(voucher_sequence_of("记-2024-000000"), 0);
}

TEST(JournalChainEncodingTest, CombinedHeadDependsOnEveryChain) {
  const std::vector<ChainHead> heads{{"bureau", 2024, 3, sha256_hex("a")}, {"unit", 2024, 2, sha256_hex("b")}};
  const std::string combined = combined_chain_head(heads);
  auto more = heads;
  more[1].entry_count = 3;
  EXPECT_NE(combined_chain_head(more), combined);
  more = heads;
  more[0].head_hash = sha256_hex("c");
  EXPECT_NE(combined_chain_head(more), combined);
  EXPECT_NE(combined_chain_head({heads[0]}), combined);
  EXPECT_EQ(combined_chain_head(heads), combined);
}

}  // namespace
}  // namespace jiangbu
