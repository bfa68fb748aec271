// disk_full_preload: an LD_PRELOAD library that makes a process's disk fill
// up. Once the process has written WARTA_TEST_DISK_BYTES bytes to regular
// files, every further write to a regular file fails with ENOSPC, as on a
// full file system, and statvfs() reports only what is left of the budget
// as free. Pipes and terminals are not counted, so the process
// can still report the error. Tests use it to check that a full disk fails
// cleanly and leaves a usable index, without needing a real small disk.
#include <dlfcn.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

namespace {

std::atomic<long long> written{0};

long long budget() {
  static const long long bytes = [] {
    const char* text = std::getenv("WARTA_TEST_DISK_BYTES");
    return text == nullptr ? -1LL : std::atoll(text);
  }();
  return bytes;
}

bool is_regular_file(int fd) {
  struct stat st {};
  return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

// False (with errno = ENOSPC) when `count` more bytes to `fd` would not fit.
bool fits(int fd, size_t count) {
  if (budget() < 0 || count == 0 || !is_regular_file(fd)) return true;
  if (written.fetch_add(static_cast<long long>(count)) + static_cast<long long>(count) > budget()) {
    errno = ENOSPC;
    return false;
  }
  return true;
}

template <typename F>
F next(const char* name) {
  return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" {

ssize_t write(int fd, const void* buf, size_t count) {
  static auto real = next<ssize_t (*)(int, const void*, size_t)>("write");
  if (!fits(fd, count)) return -1;
  return real(fd, buf, count);
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
  static auto real = next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
  if (!fits(fd, count)) return -1;
  return real(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off64_t offset) {
  static auto real = next<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64");
  if (!fits(fd, count)) return -1;
  return real(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int n) {
  static auto real = next<ssize_t (*)(int, const struct iovec*, int)>("writev");
  size_t count = 0;
  for (int i = 0; i < n; ++i) count += iov[i].iov_len;
  if (!fits(fd, count)) return -1;
  return real(fd, iov, n);
}

// The free space a process sees is what is left of its budget.
static void shrink(struct statvfs* st) {
  if (budget() < 0 || st->f_frsize == 0) return;
  long long left = budget() - written.load();
  if (left < 0) left = 0;
  st->f_bavail = st->f_bfree = static_cast<fsblkcnt_t>(left) / st->f_frsize;
}

int statvfs(const char* path, struct statvfs* st) {
  static auto real = next<int (*)(const char*, struct statvfs*)>("statvfs");
  int rc = real(path, st);
  if (rc == 0) shrink(st);
  return rc;
}

int statvfs64(const char* path, struct statvfs64* st) {
  static auto real = next<int (*)(const char*, struct statvfs64*)>("statvfs64");
  int rc = real(path, st);
  if (rc == 0) shrink(reinterpret_cast<struct statvfs*>(st));
  return rc;
}

}  // extern "C"
