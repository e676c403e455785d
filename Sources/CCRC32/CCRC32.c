// CRC-32 by folding with carry-less multiplication (the method of Gopal et al., "Fast CRC Computation for Generic
// Polynomials Using PCLMULQDQ Instruction", Intel, 2009): four 128-bit lanes are folded 64 bytes at a time, then
// into one lane, then 16 bytes at a time, then reduced to 64 and 32 bits, the last step a Barrett reduction. The
// constants are x^k mod P(x) for the reflected IEEE polynomial P = 0x1DB710641 (bit-reflected, shifted by one),
// and mu = floor(x^64 / P). Compiled with per-function target attributes, so the rest of the package needs no
// special flags, and only reached after a CPUID check.
#include "CCRC32.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>

int ccrc32_hardware_available(void) {
    static int cached = -1;
    int known = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (known >= 0) return known;
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    int result = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        int pclmul = (ecx >> 1) & 1;
        int sse41 = (ecx >> 19) & 1;
        result = pclmul && sse41;
    }
    __atomic_store_n(&cached, result, __ATOMIC_RELAXED);
    return result;
}

// Low and high 64-bit halves of each constant pair, as the multiplies select them.
static const uint64_t foldBy4[2] __attribute__((aligned(16))) = {0x154442bd4ULL, 0x1c6e41596ULL};  // x^(4*128+32), x^(4*128-32)
static const uint64_t foldBy1[2] __attribute__((aligned(16))) = {0x1751997d0ULL, 0x0ccaa009eULL};  // x^(128+32), x^(128-32)
static const uint64_t fold64[2] __attribute__((aligned(16))) = {0x163cd6124ULL, 0};                // x^64
static const uint64_t barrett[2] __attribute__((aligned(16))) = {0x1db710641ULL, 0x1f7011641ULL};  // P, mu

// One fold: the lane's low half times k.low, its high half times k.high, both added (xor) to `next`.
__attribute__((target("pclmul,sse4.1")))
static inline __m128i fold(__m128i lane, __m128i k, __m128i next) {
    __m128i low = _mm_clmulepi64_si128(lane, k, 0x00);
    __m128i high = _mm_clmulepi64_si128(lane, k, 0x11);
    return _mm_xor_si128(_mm_xor_si128(low, high), next);
}

__attribute__((target("pclmul,sse4.1")))
static uint32_t foldAll(uint32_t crc, const uint8_t *data, size_t length) {
    __m128i a = _mm_loadu_si128((const __m128i *)(data + 0));
    __m128i b = _mm_loadu_si128((const __m128i *)(data + 16));
    __m128i c = _mm_loadu_si128((const __m128i *)(data + 32));
    __m128i d = _mm_loadu_si128((const __m128i *)(data + 48));
    a = _mm_xor_si128(a, _mm_cvtsi32_si128((int)crc));
    data += 64;
    length -= 64;

    __m128i k = _mm_load_si128((const __m128i *)foldBy4);
    while (length >= 64) {
        a = fold(a, k, _mm_loadu_si128((const __m128i *)(data + 0)));
        b = fold(b, k, _mm_loadu_si128((const __m128i *)(data + 16)));
        c = fold(c, k, _mm_loadu_si128((const __m128i *)(data + 32)));
        d = fold(d, k, _mm_loadu_si128((const __m128i *)(data + 48)));
        data += 64;
        length -= 64;
    }

    // Four lanes into one, then the remaining whole 16-byte blocks.
    k = _mm_load_si128((const __m128i *)foldBy1);
    a = fold(a, k, b);
    a = fold(a, k, c);
    a = fold(a, k, d);
    while (length >= 16) {
        a = fold(a, k, _mm_loadu_si128((const __m128i *)data));
        data += 16;
        length -= 16;
    }

    // 128 bits to 64: the low half times x^(128-32), added to the high half.
    const __m128i low32 = _mm_setr_epi32(-1, 0, -1, 0);
    __m128i t = _mm_clmulepi64_si128(a, k, 0x10);
    a = _mm_xor_si128(_mm_srli_si128(a, 8), t);
    // 96 bits to 64.
    __m128i k5 = _mm_loadl_epi64((const __m128i *)fold64);
    t = _mm_srli_si128(a, 4);
    a = _mm_clmulepi64_si128(_mm_and_si128(a, low32), k5, 0x00);
    a = _mm_xor_si128(a, t);
    // Barrett reduction to 32 bits.
    __m128i pmu = _mm_load_si128((const __m128i *)barrett);
    t = _mm_clmulepi64_si128(_mm_and_si128(a, low32), pmu, 0x10);
    t = _mm_clmulepi64_si128(_mm_and_si128(t, low32), pmu, 0x00);
    a = _mm_xor_si128(a, t);
    return (uint32_t)_mm_extract_epi32(a, 1);
}

size_t ccrc32_fold_hardware(uint32_t *state, const uint8_t *data, size_t length) {
    if (length < 64 || !ccrc32_hardware_available()) return 0;
    size_t whole = length & ~(size_t)15;
    *state = foldAll(*state, data, whole);
    return whole;
}

#else

int ccrc32_hardware_available(void) { return 0; }

size_t ccrc32_fold_hardware(uint32_t *state, const uint8_t *data, size_t length) {
    (void)state;
    (void)data;
    (void)length;
    return 0;
}

#endif
