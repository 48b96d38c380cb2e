// `resettle backup` of a PostgreSQL database: pg_dump, PostgreSQL's own consistent online dump.
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/operations.hpp"

extern char** environ;

namespace resettle::store {

namespace {

// Runs the program (looked up on PATH) with these arguments, its output and errors going where ours
// go, and returns its exit status; std::runtime_error when it cannot start or is killed.
int run_program(const std::vector<std::string>& arguments) {
  std::vector<char*> argv;
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  pid_t child = 0;
  if (int failure = posix_spawnp(&child, argv[0], nullptr, nullptr, argv.data(), environ); failure != 0)
    throw std::runtime_error("cannot run " + arguments[0] + ": " + std::strerror(failure));
  int status = 0;
  while (waitpid(child, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error("lost " + arguments[0] + ": " + std::strerror(errno));
  if (!WIFEXITED(status)) throw std::runtime_error(arguments[0] + " was stopped by signal " + std::to_string(WTERMSIG(status)));
  return WEXITSTATUS(status);
}

}  // namespace

std::uintmax_t backup_postgresql(const std::string& uri, const std::string& to) {
  auto partial = to + ".partial";
  std::filesystem::remove(partial);
  // The custom format: compressed, and pg_restore can restore it in one transaction.
  int status = run_program({"pg_dump", "--format=custom", "--file=" + partial, "--dbname=" + uri});
  if (status != 0) {
    std::filesystem::remove(partial);
    throw std::runtime_error("pg_dump failed (exit status " + std::to_string(status) + "): nothing was written to " + to);
  }
  std::filesystem::rename(partial, to);
  return std::filesystem::file_size(to);
}

}  // namespace resettle::store
