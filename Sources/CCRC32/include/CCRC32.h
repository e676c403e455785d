// CRC-32 (IEEE, reflected) folding with the CPU's carry-less multiply (x86-64 PCLMULQDQ), chosen at run time.
// The portable implementation is Swift (SaleStorage's CRC32, slicing-by-8); this target only holds what Swift
// cannot express.
#ifndef CCRC32_H
#define CCRC32_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the instructions ccrc32_fold_hardware uses (x86-64: PCLMULQDQ, SSE4.1), else 0.
/// Checked once with CPUID; on other architectures always 0.
int ccrc32_hardware_available(void);

/// Feeds a prefix of `data` into the running CRC-32 register `*state` (the reflected register before the final
/// inversion, as the table-driven code keeps it) and returns how many bytes it consumed: a multiple of 16, all of
/// `length` but its last `length % 16` bytes, or 0 when `length` < 64 or the CPU lacks the instructions. The
/// caller feeds the rest with the portable code.
size_t ccrc32_fold_hardware(uint32_t *state, const uint8_t *data, size_t length);

#endif
