package org.eolearn.features.compositing;

/**
 * CPython 3.11's {@code sorted(range(n), key=..., reverse=True)} for lists of fewer than 64 elements (one run found
 * by {@code count_run}, the rest by binary insertion), with a "less than" that need not be a total order (Python's
 * comparisons with NaN are all false); for longer lists the comparison must be a total order, and any stable sort
 * gives Python's result.
 */
final class PySort {

    private PySort() {
    }

    /** Python's {@code <} of two elements (by their indices). */
    @FunctionalInterface
    interface Less {
        boolean lt(int a, int b);
    }

    /** The elements {@code 0..n-1} as {@code sorted(..., reverse=True)} orders them. */
    static int[] sortedReverse(int n, Less less) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = n - 1 - i; // reverse=True reverses first, sorts stably, and reverses back
        }
        if (n >= 2) {
            if (n < 64) {
                boolean[] descending = new boolean[1];
                int run = countRun(a, 0, n, less, descending);
                if (descending[0]) {
                    reverse(a, 0, run);
                }
                binarySort(a, 0, n, run, less);
            } else {
                Integer[] boxed = new Integer[n];
                for (int i = 0; i < n; i++) {
                    boxed[i] = a[i];
                }
                java.util.Arrays.sort(boxed, (x, y) -> less.lt(x, y) ? -1 : less.lt(y, x) ? 1 : 0);
                for (int i = 0; i < n; i++) {
                    a[i] = boxed[i];
                }
            }
        }
        reverse(a, 0, n);
        return a;
    }

    private static int countRun(int[] a, int lo, int hi, Less less, boolean[] descending) {
        descending[0] = false;
        lo++;
        if (lo == hi) {
            return 1;
        }
        int n = 2;
        if (less.lt(a[lo], a[lo - 1])) {
            descending[0] = true;
            for (lo = lo + 1; lo < hi; lo++, n++) {
                if (!less.lt(a[lo], a[lo - 1])) {
                    break;
                }
            }
        } else {
            for (lo = lo + 1; lo < hi; lo++, n++) {
                if (less.lt(a[lo], a[lo - 1])) {
                    break;
                }
            }
        }
        return n;
    }

    private static void binarySort(int[] a, int lo, int hi, int start, Less less) {
        if (lo == start) {
            start++;
        }
        for (; start < hi; start++) {
            int l = lo;
            int r = start;
            int pivot = a[r];
            do {
                int p = l + ((r - l) >> 1);
                if (less.lt(pivot, a[p])) {
                    r = p;
                } else {
                    l = p + 1;
                }
            } while (l < r);
            for (int p = start; p > l; p--) {
                a[p] = a[p - 1];
            }
            a[l] = pivot;
        }
    }

    private static void reverse(int[] a, int lo, int hi) {
        for (int i = lo, j = hi - 1; i < j; i++, j--) {
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
    }
}
