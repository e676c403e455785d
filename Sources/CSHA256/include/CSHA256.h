// SHA-256 compression with the CPU's SHA extensions (x86-64 SHA-NI), chosen at run time.
// The portable implementation is Swift (SiteAPI's SHA256); this target only holds what Swift cannot express.
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA-256 instructions this target uses (x86-64: SHA, SSSE3, SSE4.1), else 0.
/// Checked once with CPUID; on other architectures always 0.
int csha256_hardware_available(void);

/// Compresses `blocks` 64-byte blocks of `data` into `state` (the eight working words, host order).
/// Only call when csha256_hardware_available() returned 1; otherwise it does nothing.
void csha256_compress_hardware(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
