// SHA-256 block compression with the x86-64 SHA extensions (FIPS 180-4; the instruction sequence follows Intel's
// published description of SHA-NI: two rounds per SHA256RNDS2, message schedule with SHA256MSG1/MSG2).
// Compiled with per-function target attributes, so the rest of the package needs no special flags, and only
// reached after a CPUID check.
#include "CSHA256.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>

int csha256_hardware_available(void) {
    static int cached = -1;
    int known = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (known >= 0) return known;
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    int result = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        int ssse3 = (ecx >> 9) & 1;
        int sse41 = (ecx >> 19) & 1;
        unsigned int a7 = 0, b7 = 0, c7 = 0, d7 = 0;
        if (ssse3 && sse41 && __get_cpuid_max(0, 0) >= 7) {
            __cpuid_count(7, 0, a7, b7, c7, d7);
            result = (b7 >> 29) & 1;
        }
    }
    __atomic_store_n(&cached, result, __ATOMIC_RELAXED);
    return result;
}

static const uint32_t K[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

__attribute__((target("sha,sse4.1,ssse3")))
static void compress(uint32_t state[8], const uint8_t *data, size_t blocks) {
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    // state[0..7] = a b c d e f g h; the instructions want ABEF and CDGH, high lane first.
    __m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);   // a b c d (low to high)
    __m128i state1 = _mm_loadu_si128((const __m128i *)&state[4]); // e f g h
    tmp = _mm_shuffle_epi32(tmp, 0xB1);          // b a d c
    state1 = _mm_shuffle_epi32(state1, 0x1B);    // h g f e
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);  // f e b a  (ABEF)
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);       // h g d c  (CDGH)

    while (blocks-- > 0) {
        const __m128i abefSave = state0;
        const __m128i cdghSave = state1;
        __m128i msg, msg0, msg1, msg2, msg3;

#define ROUNDS(msgv, i)                                                               \
    msg = _mm_add_epi32(msgv, _mm_load_si128((const __m128i *)&K[(i)]));              \
    state1 = _mm_sha256rnds2_epu32(state1, state0, msg);                              \
    msg = _mm_shuffle_epi32(msg, 0x0E);                                               \
    state0 = _mm_sha256rnds2_epu32(state0, state1, msg);

        msg0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), byteSwap);
        ROUNDS(msg0, 0)
        msg1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), byteSwap);
        ROUNDS(msg1, 4)
        msg0 = _mm_sha256msg1_epu32(msg0, msg1);
        msg2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), byteSwap);
        ROUNDS(msg2, 8)
        msg1 = _mm_sha256msg1_epu32(msg1, msg2);
        msg3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), byteSwap);
        ROUNDS(msg3, 12)

        // Rounds 16..63: each step finishes the schedule of the next four words, then runs four rounds.
#define SCHEDULE(m0, m1, m2, m3, i)                                                   \
    tmp = _mm_alignr_epi8(m3, m2, 4);                                                 \
    m0 = _mm_add_epi32(m0, tmp);                                                      \
    m0 = _mm_sha256msg2_epu32(m0, m3);                                                \
    ROUNDS(m0, i)                                                                     \
    m2 = _mm_sha256msg1_epu32(m2, m3);

        SCHEDULE(msg0, msg1, msg2, msg3, 16)
        SCHEDULE(msg1, msg2, msg3, msg0, 20)
        SCHEDULE(msg2, msg3, msg0, msg1, 24)
        SCHEDULE(msg3, msg0, msg1, msg2, 28)
        SCHEDULE(msg0, msg1, msg2, msg3, 32)
        SCHEDULE(msg1, msg2, msg3, msg0, 36)
        SCHEDULE(msg2, msg3, msg0, msg1, 40)
        SCHEDULE(msg3, msg0, msg1, msg2, 44)
        SCHEDULE(msg0, msg1, msg2, msg3, 48)
        SCHEDULE(msg1, msg2, msg3, msg0, 52)
        SCHEDULE(msg2, msg3, msg0, msg1, 56)
        // The last step needs no further msg1.
        tmp = _mm_alignr_epi8(msg2, msg1, 4);
        msg3 = _mm_add_epi32(msg3, tmp);
        msg3 = _mm_sha256msg2_epu32(msg3, msg2);
        ROUNDS(msg3, 60)
#undef SCHEDULE
#undef ROUNDS

        state0 = _mm_add_epi32(state0, abefSave);
        state1 = _mm_add_epi32(state1, cdghSave);
        data += 64;
    }

    // Back from ABEF / CDGH to a b c d and e f g h.
    tmp = _mm_shuffle_epi32(state0, 0x1B);
    state1 = _mm_shuffle_epi32(state1, 0xB1);
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);
    state1 = _mm_alignr_epi8(state1, tmp, 8);
    _mm_storeu_si128((__m128i *)&state[0], state0);
    _mm_storeu_si128((__m128i *)&state[4], state1);
}

void csha256_compress_hardware(uint32_t state[8], const uint8_t *data, size_t blocks) {
    if (csha256_hardware_available()) compress(state, data, blocks);
}

#else

int csha256_hardware_available(void) { return 0; }

void csha256_compress_hardware(uint32_t state[8], const uint8_t *data, size_t blocks) {
    (void)state;
    (void)data;
    (void)blocks;
}

#endif
