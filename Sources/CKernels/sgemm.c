// Packed, cache-blocked float32 GEMM (see CKernels.h for the contract).
//
// Layout (Goto/BLIS style, adapted to a row-major C whose n is usually large and m small):
//   for each 256-deep k block (KC)
//     for each block of up to 240 rows of A (MC): pack it into MR-row panels (k-major, zero-padded)
//       for each block of 384 columns of B: pack it into NR-wide KC x NR panels (L2-resident;
//           skipped when B is row-major and A has a single panel: each B element is then used once)
//         for each NR-wide panel (L1-resident while it is used)
//           for each MR-row panel of A: the micro-kernel updates an MR x NR tile of C in registers.
// Micro-tiles: AVX-512 8 x 32 (16 zmm accumulators), AVX2 6 x 16 (12 ymm), portable 4 x 16.
// Edge tiles use a kernel specialised for the row count and masked loads/stores for columns.
#include "CKernels.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CK_X86 1
#else
#define CK_X86 0
#endif

#define KC 256
#define MC 240      /* a multiple of every MR (8, 6, 4) */
#define MR_MAX 8
#define NR_MAX 32
#define NCB 384     /* columns of B packed at a time: a multiple of every NR, 384 KB */

typedef void (*ck_ukr)(long kc, const float *a, const float *b, long ldb, float *c, long ldc, long nr, int acc);

typedef struct {
    int mr, nr;
    ck_ukr kernel[MR_MAX + 1];  /* kernel[r] computes r rows, 1 <= r <= mr */
} ck_isa_desc;

// MARK: portable kernel (4 x 16; plain C the compiler may vectorise)

static inline void ukr_portable_body(const int rows, long kc, const float *a, const float *b, long ldb,
                                     float *c, long ldc, long nr, int acc) {
    float t[4][16];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 16; j++) t[i][j] = 0.0f;
    for (long p = 0; p < kc; p++) {
        const float *bp = b + p * ldb;
        for (int i = 0; i < rows; i++) {
            const float ai = a[p * 4 + i];
            for (long j = 0; j < nr; j++) t[i][j] += ai * bp[j];
        }
    }
    for (int i = 0; i < rows; i++) {
        float *cr = c + i * ldc;
        for (long j = 0; j < nr; j++) cr[j] = acc ? cr[j] + t[i][j] : t[i][j];
    }
}

#define CK_PORTABLE(R)                                                                                  \
    static void ukr_portable_##R(long kc, const float *a, const float *b, long ldb, float *c, long ldc, \
                                 long nr, int acc) {                                                    \
        ukr_portable_body(R, kc, a, b, ldb, c, ldc, nr, acc);                                           \
    }
CK_PORTABLE(1)
CK_PORTABLE(2)
CK_PORTABLE(3)
CK_PORTABLE(4)

static const ck_isa_desc isa_portable = {
    4, 16, {0, ukr_portable_1, ukr_portable_2, ukr_portable_3, ukr_portable_4, 0, 0, 0, 0}};

#if CK_X86

// MARK: AVX-512 kernel (8 x 32)

__attribute__((target("avx512f"), always_inline)) static inline void
ukr512_body(const int rows, long kc, const float *a, const float *b, long ldb, float *c, long ldc, long nr,
            int acc) {
    __m512 c0[8], c1[8];
    for (int i = 0; i < rows; i++) {
        c0[i] = _mm512_setzero_ps();
        c1[i] = _mm512_setzero_ps();
    }
    const __mmask16 m0 = nr >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << nr) - 1u);
    const __mmask16 m1 = nr >= 32 ? (__mmask16)0xFFFF : nr <= 16 ? (__mmask16)0 : (__mmask16)((1u << (nr - 16)) - 1u);
    if (nr == 32) {
        for (long p = 0; p < kc; p++) {
            const __m512 b0 = _mm512_loadu_ps(b);
            const __m512 b1 = _mm512_loadu_ps(b + 16);
            for (int i = 0; i < rows; i++) {
                const __m512 ai = _mm512_set1_ps(a[i]);
                c0[i] = _mm512_fmadd_ps(ai, b0, c0[i]);
                c1[i] = _mm512_fmadd_ps(ai, b1, c1[i]);
            }
            a += 8;
            b += ldb;
        }
    } else {
        for (long p = 0; p < kc; p++) {
            const __m512 b0 = _mm512_maskz_loadu_ps(m0, b);
            const __m512 b1 = _mm512_maskz_loadu_ps(m1, b + 16);
            for (int i = 0; i < rows; i++) {
                const __m512 ai = _mm512_set1_ps(a[i]);
                c0[i] = _mm512_fmadd_ps(ai, b0, c0[i]);
                c1[i] = _mm512_fmadd_ps(ai, b1, c1[i]);
            }
            a += 8;
            b += ldb;
        }
    }
    for (int i = 0; i < rows; i++) {
        float *cr = c + i * ldc;
        __m512 r0 = c0[i], r1 = c1[i];
        if (acc) {
            r0 = _mm512_add_ps(r0, _mm512_maskz_loadu_ps(m0, cr));
            r1 = _mm512_add_ps(r1, _mm512_maskz_loadu_ps(m1, cr + 16));
        }
        _mm512_mask_storeu_ps(cr, m0, r0);
        _mm512_mask_storeu_ps(cr + 16, m1, r1);
    }
}

#define CK_512(R)                                                                                          \
    __attribute__((target("avx512f"))) static void ukr512_##R(long kc, const float *a, const float *b,     \
                                                               long ldb, float *c, long ldc, long nr,     \
                                                               int acc) {                                  \
        ukr512_body(R, kc, a, b, ldb, c, ldc, nr, acc);                                                    \
    }
CK_512(1)
CK_512(2)
CK_512(3)
CK_512(4)
CK_512(5)
CK_512(6)
CK_512(7)
CK_512(8)

static const ck_isa_desc isa_avx512 = {
    8, 32, {0, ukr512_1, ukr512_2, ukr512_3, ukr512_4, ukr512_5, ukr512_6, ukr512_7, ukr512_8}};

// MARK: AVX2 kernel (6 x 16)

__attribute__((target("avx2,fma"), always_inline)) static inline void
ukr256_body(const int rows, long kc, const float *a, const float *b, long ldb, float *c, long ldc, long nr,
            int acc) {
    __m256 c0[6], c1[6];
    for (int i = 0; i < rows; i++) {
        c0[i] = _mm256_setzero_ps();
        c1[i] = _mm256_setzero_ps();
    }
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i m0 = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)nr), lane);
    const __m256i m1 = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)nr - 8), lane);
    if (nr == 16) {
        for (long p = 0; p < kc; p++) {
            const __m256 b0 = _mm256_loadu_ps(b);
            const __m256 b1 = _mm256_loadu_ps(b + 8);
            for (int i = 0; i < rows; i++) {
                const __m256 ai = _mm256_broadcast_ss(a + i);
                c0[i] = _mm256_fmadd_ps(ai, b0, c0[i]);
                c1[i] = _mm256_fmadd_ps(ai, b1, c1[i]);
            }
            a += 6;
            b += ldb;
        }
    } else {
        for (long p = 0; p < kc; p++) {
            const __m256 b0 = _mm256_maskload_ps(b, m0);
            const __m256 b1 = _mm256_maskload_ps(b + 8, m1);
            for (int i = 0; i < rows; i++) {
                const __m256 ai = _mm256_broadcast_ss(a + i);
                c0[i] = _mm256_fmadd_ps(ai, b0, c0[i]);
                c1[i] = _mm256_fmadd_ps(ai, b1, c1[i]);
            }
            a += 6;
            b += ldb;
        }
    }
    for (int i = 0; i < rows; i++) {
        float *cr = c + i * ldc;
        __m256 r0 = c0[i], r1 = c1[i];
        if (acc) {
            r0 = _mm256_add_ps(r0, _mm256_maskload_ps(cr, m0));
            r1 = _mm256_add_ps(r1, _mm256_maskload_ps(cr + 8, m1));
        }
        _mm256_maskstore_ps(cr, m0, r0);
        _mm256_maskstore_ps(cr + 8, m1, r1);
    }
}

#define CK_256(R)                                                                                          \
    __attribute__((target("avx2,fma"))) static void ukr256_##R(long kc, const float *a, const float *b,    \
                                                                long ldb, float *c, long ldc, long nr,    \
                                                                int acc) {                                 \
        ukr256_body(R, kc, a, b, ldb, c, ldc, nr, acc);                                                    \
    }
CK_256(1)
CK_256(2)
CK_256(3)
CK_256(4)
CK_256(5)
CK_256(6)

static const ck_isa_desc isa_avx2 = {
    6, 16, {0, ukr256_1, ukr256_2, ukr256_3, ukr256_4, ukr256_5, ukr256_6, 0, 0}};

#endif  // CK_X86

// MARK: detection

static int detect_isa(void) {
#if CK_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return CK_ISA_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return CK_ISA_AVX2;
#endif
    return CK_ISA_PORTABLE;
}

int ck_best_isa(void) {
    // Benign race: every thread computes the same value.
    static volatile int cached = -1;
    int v = cached;
    if (v < 0) {
        v = detect_isa();
        cached = v;
    }
    return v;
}

long ck_cpu_count(void) {
    const char *env = getenv("CNB_THREADS");
    if (env && *env) {
        long v = strtol(env, 0, 10);
        if (v >= 1) return v;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? n : 1;
}

static const ck_isa_desc *descriptor(int isa) {
    int best = ck_best_isa();
    if (isa > best) isa = best;
#if CK_X86
    if (isa == CK_ISA_AVX512) return &isa_avx512;
    if (isa == CK_ISA_AVX2) return &isa_avx2;
#endif
    return &isa_portable;
}

// MARK: packing

/// Rows [0, mc) x depth [0, kc) of A into ceil(mc / mr) panels of kc x mr floats (zero-padded rows).
static void pack_a(int mr, long mc, long kc, const float *a, long rs, long cs, float *dst) {
    for (long ir = 0; ir < mc; ir += mr) {
        long rows = mc - ir < mr ? mc - ir : mr;
        const float *src = a + ir * rs;
        if (cs == 1) {
            for (long p = 0; p < kc; p++) {
                float *d = dst + p * mr;
                long i = 0;
                for (; i < rows; i++) d[i] = src[i * rs + p];
                for (; i < mr; i++) d[i] = 0.0f;
            }
        } else if (rs == 1) {
            for (long p = 0; p < kc; p++) {
                const float *s = src + p * cs;
                float *d = dst + p * mr;
                long i = 0;
                for (; i < rows; i++) d[i] = s[i];
                for (; i < mr; i++) d[i] = 0.0f;
            }
        } else {
            for (long p = 0; p < kc; p++) {
                float *d = dst + p * mr;
                long i = 0;
                for (; i < rows; i++) d[i] = src[i * rs + p * cs];
                for (; i < mr; i++) d[i] = 0.0f;
            }
        }
        dst += kc * mr;
    }
}

/// Depth [0, kc) x columns [0, cols) of B into ceil(cols / nr) consecutive kc x nr panels
/// (zero-padded columns). Whole rows are read at a time, which the hardware prefetchers follow.
static void pack_b(int nr, long kc, long cols, const float *b, long rs, long cs, float *dst) {
    const long panels = (cols + nr - 1) / nr;
    const long full = cols / nr;
    if (cs == 1) {
        for (long p = 0; p < kc; p++) {
            const float *src = b + p * rs;
            float *d = dst + p * nr;
            long q = 0;
            if (nr == 32) {
                for (; q < full; q++) memcpy(d + q * kc * 32, src + q * 32, 32 * sizeof(float));
            } else if (nr == 16) {
                for (; q < full; q++) memcpy(d + q * kc * 16, src + q * 16, 16 * sizeof(float));
            } else {
                for (; q < full; q++)
                    for (long j = 0; j < nr; j++) d[q * kc * nr + j] = src[q * nr + j];
            }
            for (; q < panels; q++) {
                long j = 0;
                for (; q * nr + j < cols; j++) d[q * kc * nr + j] = src[q * nr + j];
                for (; j < nr; j++) d[q * kc * nr + j] = 0.0f;
            }
        }
    } else if (rs == 1) {
        // Transposed B: each column is contiguous along k.
        for (long j = 0; j < panels * nr; j++) {
            float *d = dst + (j / nr) * kc * nr + (j % nr);
            if (j < cols) {
                const float *s = b + j * cs;
                for (long p = 0; p < kc; p++) d[p * nr] = s[p];
            } else {
                for (long p = 0; p < kc; p++) d[p * nr] = 0.0f;
            }
        }
    } else {
        for (long p = 0; p < kc; p++) {
            for (long j = 0; j < panels * nr; j++) {
                dst[(j / nr) * kc * nr + p * nr + (j % nr)] = j < cols ? b[p * rs + j * cs] : 0.0f;
            }
        }
    }
}

// Per-thread packing buffers, allocated on first use and kept for the thread's life (about 630 KB).
static __thread float *tls_apack = 0;
static __thread float *tls_bpack = 0;

static int ensure_buffers(void) {
    if (!tls_apack) tls_apack = (float *)aligned_alloc(64, (size_t)MC * KC * sizeof(float));
    if (!tls_bpack) tls_bpack = (float *)aligned_alloc(64, (size_t)KC * NCB * sizeof(float));
    return tls_apack != 0 && tls_bpack != 0;
}

static __thread float *tls_scratch = 0;
static __thread long tls_scratch_count = 0;

float *ck_thread_scratch(long count) {
    if (count < 1) count = 1;
    if (count > tls_scratch_count) {
        free(tls_scratch);
        size_t bytes = ((size_t)count * sizeof(float) + 63) & ~(size_t)63;
        tls_scratch = (float *)aligned_alloc(64, bytes);
        tls_scratch_count = tls_scratch ? count : 0;
    }
    return tls_scratch;
}

// MARK: driver

static void sgemm_naive(long m, long n, long k, const float *a, long a_rs, long a_cs, const float *b, long b_rs,
                        long b_cs, float *c, long ldc, int accumulate) {
    for (long i = 0; i < m; i++) {
        for (long j = 0; j < n; j++) {
            float s = 0.0f;
            for (long p = 0; p < k; p++) s += a[i * a_rs + p * a_cs] * b[p * b_rs + j * b_cs];
            c[i * ldc + j] = accumulate ? c[i * ldc + j] + s : s;
        }
    }
}

void ck_sgemm_isa(int isa, long m, long n, long k, const float *a, long a_rs, long a_cs, const float *b, long b_rs,
                  long b_cs, float *c, long ldc, int accumulate) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        if (!accumulate)
            for (long i = 0; i < m; i++) memset(c + i * ldc, 0, (size_t)n * sizeof(float));
        return;
    }
    if (!ensure_buffers()) {  // out of memory for 280 KB: still give the right answer
        sgemm_naive(m, n, k, a, a_rs, a_cs, b, b_rs, b_cs, c, ldc, accumulate);
        return;
    }
    const ck_isa_desc *d = descriptor(isa);
    const int mr = d->mr, nr = d->nr;
    float *apack = tls_apack, *bpack = tls_bpack;
    // Reading B in place saves a copy when each B element is used by one micro-kernel call only.
    const int direct_b = b_cs == 1 && m <= mr;
    for (long pc = 0; pc < k; pc += KC) {
        const long kc = k - pc < KC ? k - pc : KC;
        const int acc = accumulate || pc > 0;
        for (long ic = 0; ic < m; ic += MC) {
            const long mc = m - ic < MC ? m - ic : MC;
            pack_a(mr, mc, kc, a + ic * a_rs + pc * a_cs, a_rs, a_cs, apack);
            for (long jc = 0; jc < n; jc += NCB) {
                const long ncols = n - jc < NCB ? n - jc : NCB;
                if (!direct_b) pack_b(nr, kc, ncols, b + pc * b_rs + jc * b_cs, b_rs, b_cs, bpack);
                for (long jr = 0; jr < ncols; jr += nr) {
                    const long cols = ncols - jr < nr ? ncols - jr : nr;
                    const float *bp;
                    long ldb;
                    if (direct_b) {
                        bp = b + pc * b_rs + jc + jr;
                        ldb = b_rs;
                    } else {
                        bp = bpack + jr * kc;
                        ldb = nr;
                    }
                    float *cp = c + ic * ldc + jc + jr;
                    for (long ir = 0; ir < mc; ir += mr) {
                        const long rows = mc - ir < mr ? mc - ir : mr;
                        d->kernel[rows](kc, apack + ir * kc, bp, ldb, cp + ir * ldc, ldc, cols, acc);
                    }
                }
            }
        }
    }
}

void ck_sgemm(long m, long n, long k, const float *a, long a_rs, long a_cs, const float *b, long b_rs, long b_cs,
              float *c, long ldc, int accumulate) {
    ck_sgemm_isa(ck_best_isa(), m, n, k, a, a_rs, a_cs, b, b_rs, b_cs, c, ldc, accumulate);
}
