// printf of floats: formatting goes through glibc's exact decimal conversion, which exercises
// FP arithmetic, conversions and rounding modes.
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>

int main(void) {
    double values[] = {0.0, -0.0, 1.0, -1.5, 3.14159265358979, 1e-300, 1e300, 6.02214076e23,
                       DBL_MIN, DBL_MAX, DBL_EPSILON, 1.0 / 3.0, 2.0 / 3.0, 0.1, 123456789.125};
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
        double v = values[i];
        printf("%g|%e|%.17g|%a|%f\n", v, v, v, v, v > 1e20 ? 0.0 : v);
    }
    float f = 1.0f;
    for (int i = 0; i < 30; i++) {
        f = f * 1.37f + 0.11f;
        printf("%.9g ", f);
    }
    printf("\n");
    printf("inf=%f nan=%f -inf=%g\n", INFINITY, NAN, -INFINITY);
    printf("sqrt2=%.20f exp1=%.17g log10=%.17g\n", sqrt(2.0), exp(1.0), log(10.0));
    printf("sin=%.17g cos=%.17g atan2=%.17g pow=%.17g\n", sin(1.0), cos(1.0), atan2(1.0, 2.0), pow(2.5, 3.7));
    volatile double a = 1.0, b = 3.0;
    int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile double q = a / b;
        volatile float qf = (float)a / (float)b;
        long r = lrint(2.5);
        printf("mode %d: %.17g %.9g %ld\n", m, q, qf, r);
    }
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    volatile double z = 0.0;
    volatile double n = z / z;
    printf("invalid=%d nan=%d\n", fetestexcept(FE_INVALID) != 0, isnan(n));
    feclearexcept(FE_ALL_EXCEPT);
    volatile double big = DBL_MAX;
    big = big * 2.0;
    printf("overflow=%d inexact=%d %g\n", fetestexcept(FE_OVERFLOW) != 0, fetestexcept(FE_INEXACT) != 0, big);
    printf("casts: %d %u %ld %lu\n", (int)-2.9, (unsigned)3.99, (long)-1e18, (unsigned long)1.8e19);
    return 0;
}
