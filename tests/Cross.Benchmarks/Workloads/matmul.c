// Floating point: dense double matrix multiply, blocked loop order.
#include "common.h"

int main(int argc, char **argv) {
    int rounds = scale_from(argc, argv, 10);
    enum { N = 96 };
    static double a[N][N], b[N][N], c[N][N];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { a[i][j] = (double)((i * j) % 7) / 3.0; b[i][j] = (double)((i + 2 * j) % 5) - 2.0; }
    double trace = 0;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) c[i][j] = 0;
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                double aik = a[i][k];
                for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
            }
        for (int i = 0; i < N; i++) { trace += c[i][i]; a[i][(i + r) % N] += 0.5; }
    }
    printf("matmul %.6f\n", trace);
    return 0;
}
