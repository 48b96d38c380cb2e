// The outbox's dispatcher sending to the embedded sender: messages a second through the real SQLite
// store (WAL, synchronous=FULL), batches of dispatch_batch_size. Each iteration queues 2,000 texts
// due now (not timed) and times dispatch_due sending them all. Goal: at least 1,000 a second.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <unistd.h>

#include "services/clock.hpp"
#include "services/messages/messages.hpp"
#include "store/store.hpp"

namespace {

using namespace resettle;

constexpr int messages_per_round = 2'000;

struct Outbox {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("dispatch-bench-" + std::to_string(::getpid()) + ".db");
  std::unique_ptr<store::Store> store;
  std::int64_t person_id = 0;
  int queued = 0;

  Outbox() {
    std::filesystem::remove(path);
    store = store::open_sqlite_store({path.string(), 4});
    store->migrate();
    auto tx = store->begin_write();
    tx->places().insert_region({"YH", "Yorkshire and the Humber"});
    tx->places().insert_prison({"LEI", "HMP Leeds", "YH"});
    tx->places().insert_pdu({"LDS", "Leeds", "YH"});
    Person person;
    person.given_name = "Sam";
    person.family_name = "Jones";
    person.date_of_birth = Date{std::chrono::year{1990}, std::chrono::May, std::chrono::day{17}};
    person.pdu_code = "LDS";
    person.stage = CaseStage::on_licence;
    person_id = tx->people().insert(person);
    PersonContact contact;
    contact.details = {MessageChannel::sms, Language::en, "+447700900123", "", false, false};
    tx->person_contacts().save(person_id, contact, 0);
    tx->commit();
  }
  ~Outbox() {
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }

  void queue(Timestamp due) {
    auto tx = store->begin_write();
    ContactDetails contact{MessageChannel::sms, Language::en, "+447700900123", "", false, false};
    MessageFields fields{"Sam", Date{std::chrono::year{2027}, std::chrono::January, std::chrono::day{5}}, ClockTime{600},
                         "Leeds", "", "Callum Reid"};
    for (int i = 0; i < messages_per_round; ++i) {
      auto message = queue_message(MessageKind::booking_reminder, contact, fields,
                                   idempotency_key("appointment", ++queued, MessageKind::booking_reminder), due);
      message.person_id = person_id;
      tx->outbox().insert(message);
    }
    tx->commit();
  }
};

void DispatchToTheEmbeddedSender(benchmark::State& state) {
  Outbox outbox;
  // 10:00 on a winter weekday: outside quiet hours.
  services::FixedClock clock{std::chrono::sys_days{std::chrono::year{2027} / std::chrono::January / 4} + std::chrono::hours{10}};
  services::EmbeddedSender sender;
  int sent = 0;
  for (auto _ : state) {
    state.PauseTiming();
    outbox.queue(clock.now_seconds());
    state.ResumeTiming();
    sent += services::dispatch_due(*outbox.store, clock, sender, messages_per_round).sent;
  }
  if (sent != messages_per_round * static_cast<int>(state.iterations())) state.SkipWithError("not every message was sent");
  state.counters["messages_per_second"] = benchmark::Counter(sent, benchmark::Counter::kIsRate);
}
BENCHMARK(DispatchToTheEmbeddedSender)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

}  // namespace

BENCHMARK_MAIN();
