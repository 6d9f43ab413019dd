// history.h — a byte ring of variable-length records (serialized session states) under a fixed memory cap.
// The storage is allocated once; pushing evicts the oldest records as needed, so steady-state recording
// never allocates. Knows nothing about what a record contains.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace relulab::core {

class HistoryRing {
 public:
  struct Record {
    std::int64_t step = 0;
    int topology = 0;               // which twin layout the record was written with (the session's table)
    std::size_t offset = 0, bytes = 0;
  };

  explicit HistoryRing(std::size_t cap_bytes = 0);

  // Makes room for a record of `bytes` and returns where to write it; nullptr if it can never fit.
  unsigned char* push(std::int64_t step, int topology, std::size_t bytes);
  void pop_newest();
  void clear();

  int size() const { return count_; }
  bool empty() const { return count_ == 0; }
  const Record& record(int age_index) const;    // 0 = oldest
  const Record& newest() const { return record(count_ - 1); }
  const unsigned char* data(const Record& record) const { return storage_.get() + record.offset; }
  // Index of the newest record with step <= `step`, or -1.
  int find_at_or_before(std::int64_t step) const;
  // Drops every record newer than index `keep_newest` (an index as record() takes).
  void truncate_after(int keep_newest);

  std::size_t used_bytes() const;  // live records plus their bookkeeping
  std::size_t cap_bytes() const { return cap_bytes_; }

 private:
  void pop_oldest();

  std::size_t cap_bytes_ = 0, storage_bytes_ = 0, used_ = 0;
  std::unique_ptr<unsigned char[]> storage_;
  std::vector<Record> records_;  // a ring of record_capacity entries
  int head_ = 0, count_ = 0;
};

}  // namespace relulab::core
