#ifndef DIARY_FILE_SWAP_H
#define DIARY_FILE_SWAP_H

/// Atomically exchanges two existing paths (files or directories on one file system):
/// renameat2(RENAME_EXCHANGE) on Linux, renamex_np(RENAME_SWAP) on macOS.
/// Returns 0, or -1 with errno set (ENOSYS where the system cannot do it).
int diary_swap_paths(const char *first, const char *second);

#endif
