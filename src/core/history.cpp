// history.cpp — the ring buffer behind Session::rewind (see history.h).
#include "core/history.h"

#include <algorithm>
#include <cassert>

namespace relulab::core {

namespace {
constexpr std::size_t kMinRecordBytes = 256;  // bookkeeping is sized for records at least this large
}

HistoryRing::HistoryRing(std::size_t cap_bytes) : cap_bytes_(cap_bytes) {
  const std::size_t record_slots = cap_bytes / (kMinRecordBytes + sizeof(Record));
  const std::size_t bookkeeping = record_slots * sizeof(Record);
  storage_bytes_ = cap_bytes > bookkeeping ? cap_bytes - bookkeeping : 0;
  if (record_slots == 0) storage_bytes_ = 0;
  storage_.reset(storage_bytes_ > 0 ? new unsigned char[storage_bytes_] : nullptr);
  records_.resize(record_slots);
}

const HistoryRing::Record& HistoryRing::record(int age_index) const {
  assert(age_index >= 0 && age_index < count_);
  return records_[static_cast<std::size_t>(head_ + age_index) % records_.size()];
}

void HistoryRing::pop_oldest() {
  used_ -= records_[static_cast<std::size_t>(head_)].bytes;
  head_ = (head_ + 1) % static_cast<int>(records_.size());
  --count_;
}

void HistoryRing::pop_newest() {
  if (count_ == 0) return;
  used_ -= newest().bytes;
  --count_;
}

void HistoryRing::clear() {
  head_ = 0;
  count_ = 0;
  used_ = 0;
}

unsigned char* HistoryRing::push(std::int64_t step, int topology, std::size_t bytes) {
  if (bytes == 0 || bytes > storage_bytes_ || records_.empty()) return nullptr;
  std::size_t offset = count_ > 0 ? newest().offset + newest().bytes : 0;
  if (offset + bytes > storage_bytes_) {
    // Wrap: the records between the newest one's end and the end of storage are the oldest; drop them.
    while (count_ > 0 && record(0).offset >= offset) pop_oldest();
    offset = 0;
  }
  // Records after `offset` (in ring order, the oldest ones) that overlap the new record go.
  while (count_ > 0 && record(0).offset >= offset && record(0).offset < offset + bytes) pop_oldest();
  if (count_ == static_cast<int>(records_.size())) pop_oldest();
  Record& slot = records_[static_cast<std::size_t>(head_ + count_) % records_.size()];
  slot = Record{step, topology, offset, bytes};
  ++count_;
  used_ += bytes;
  return storage_.get() + offset;
}

int HistoryRing::find_at_or_before(std::int64_t step) const {
  for (int i = count_ - 1; i >= 0; --i) {
    if (record(i).step <= step) return i;
  }
  return -1;
}

void HistoryRing::truncate_after(int keep_newest) {
  while (count_ > keep_newest + 1) pop_newest();
}

std::size_t HistoryRing::used_bytes() const { return used_ + static_cast<std::size_t>(count_) * sizeof(Record); }

}  // namespace relulab::core
