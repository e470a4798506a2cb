// CKernels: float32 GEMM micro-kernels for cnb's Tensors target.
//
// One portable entry point picks, once per process, the widest instruction set the CPU has
// (AVX-512F, else AVX2+FMA, else plain C) with __builtin_cpu_supports; the wide kernels are
// compiled with function-level target attributes, so the binary runs on any x86-64 (and builds
// elsewhere with only the portable kernel). Single-threaded: callers split work across cores.
#ifndef CKERNELS_H
#define CKERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Instruction-set levels, best first when supported.
enum {
    CK_ISA_PORTABLE = 0,
    CK_ISA_AVX2 = 1,
    CK_ISA_AVX512 = 2
};

/// The best level this CPU supports (detected once).
int ck_best_isa(void);

/// Online logical CPUs (at least 1), or the positive integer in the environment variable
/// CNB_THREADS when set (to measure or pin the kernels' thread count).
long ck_cpu_count(void);

/// A per-thread buffer of at least `count` floats, kept (and grown, never shrunk) for the thread's
/// life so big work does not fault fresh pages in on every call; NULL when out of memory. Valid
/// until the same thread calls this again.
float *ck_thread_scratch(long count);

/// C[m x n] = (accumulate ? C : 0) + A[m x k] * B[k x n], float32, on the best instruction set.
/// A(i, p) is a[i * a_rs + p * a_cs], B(p, j) is b[p * b_rs + j * b_cs], C(i, j) is c[i * ldc + j].
/// Any strides (transposed operands are packed); C must not alias A or B. Sums over k run in
/// blocks of 256 with fused multiply-adds, so results can differ from a naive loop in the last bits.
void ck_sgemm(long m, long n, long k,
              const float *a, long a_rs, long a_cs,
              const float *b, long b_rs, long b_cs,
              float *c, long ldc, int accumulate);

/// `ck_sgemm` on a chosen level (lowered to the best supported one); for tests and benchmarks.
void ck_sgemm_isa(int isa, long m, long n, long k,
                  const float *a, long a_rs, long a_cs,
                  const float *b, long b_rs, long b_cs,
                  float *c, long ldc, int accumulate);

#ifdef __cplusplus
}
#endif

#endif
