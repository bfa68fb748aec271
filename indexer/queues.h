// queues: the two hand-offs between pipeline stages. Both can be aborted,
// which wakes every waiting thread so that a failing run stops promptly.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>

namespace warta::indexer {

// A bounded first-in first-out queue for many producers and consumers.
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

  // Blocks while full; false when the queue was aborted.
  bool push(T item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return aborted_ || items_.size() < capacity_; });
    if (aborted_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  // Blocks while empty; false once closed and drained, or aborted.
  bool pop(T& out) {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return aborted_ || closed_ || !items_.empty(); });
    if (aborted_ || items_.empty()) return false;
    out = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return true;
  }

  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
  }

  void abort() {
    std::lock_guard lock(mutex_);
    aborted_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<T> items_;
  std::size_t capacity_;
  bool closed_ = false;
  bool aborted_ = false;
};

// Items arrive tagged with consecutive sequence numbers, in any order, and
// leave in sequence order, so a stage with parallel workers still hands on
// the input's order.
template <typename T>
class ReorderQueue {
 public:
  void push(std::uint64_t seq, T item) {
    std::lock_guard lock(mutex_);
    pending_.emplace(seq, std::move(item));
    if (seq == next_) ready_.notify_all();
  }

  // The item with the next sequence number; false once closed and
  // everything delivered, or aborted.
  bool pop(T& out) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] {
      return aborted_ || (!pending_.empty() && pending_.begin()->first == next_) ||
             (closed_ && pending_.empty());
    });
    if (aborted_ || pending_.empty()) return false;
    auto first = pending_.begin();
    out = std::move(first->second);
    pending_.erase(first);
    ++next_;
    return true;
  }

  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_all();
  }

  void abort() {
    std::lock_guard lock(mutex_);
    aborted_ = true;
    ready_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::map<std::uint64_t, T> pending_;
  std::uint64_t next_ = 0;
  bool closed_ = false;
  bool aborted_ = false;
};

}  // namespace warta::indexer
