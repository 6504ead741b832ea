package org.eolearn.geometry.morphology;

import java.util.Arrays;

/**
 * A binary structuring element (kernel) of {@code rows × cols} cells with OpenCV's default anchor
 * {@code (cols / 2, rows / 2)}. Immutable.
 *
 * <p>Instances come from the factory methods that mirror eo-learn's {@code MorphologicalStructFactory} (which calls
 * OpenCV's {@code getStructuringElement}): {@link #disk(int)}, {@link #rectangle(int, int)}, {@link #square(int)},
 * plus {@link #ellipse(int, int)}, {@link #cross(int, int)} and {@link #of(int[][])} for any 0/1 array, and the
 * {@code skimage.morphology} shapes that eo-learn used before 1.0: {@link #skimageDisk(int)}, {@link #diamond(int)},
 * {@link #octagon(int, int)}.
 *
 * @since 0.1
 */
public final class StructuringElement {

    private final int rows;
    private final int cols;
    private final boolean[] cells;

    private StructuringElement(int rows, int cols, boolean[] cells) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a structuring element needs at least one row and one column, got "
                    + rows + "x" + cols);
        }
        boolean any = false;
        for (boolean c : cells) {
            any |= c;
        }
        if (!any && rows * cols > 1) {
            // a 1x1 element of 0 is allowed: OpenCV copies the image for any 1x1 element
            throw new IllegalArgumentException("a structuring element needs at least one non-zero cell");
        }
        this.rows = rows;
        this.cols = cols;
        this.cells = cells;
    }

    /**
     * A structuring element from a 0/1 array (any non-zero cell belongs to the neighbourhood).
     *
     * @param array rows of equal length
     * @return the element
     * @throws IllegalArgumentException if the array is empty, ragged or all zero
     */
    public static StructuringElement of(int[][] array) {
        if (array.length == 0 || array[0].length == 0) {
            throw new IllegalArgumentException("a structuring element array must not be empty");
        }
        int c = array[0].length;
        boolean[] cells = new boolean[array.length * c];
        for (int i = 0; i < array.length; i++) {
            if (array[i].length != c) {
                throw new IllegalArgumentException("structuring element rows must have equal lengths, row " + i
                        + " has " + array[i].length + " instead of " + c);
            }
            for (int j = 0; j < c; j++) {
                cells[i * c + j] = array[i][j] != 0;
            }
        }
        return new StructuringElement(array.length, c, cells);
    }

    /**
     * eo-learn's {@code MorphologicalStructFactory.get_disk(radius)}: OpenCV's ellipse of size
     * {@code radius × radius}. Note the quirk inherited from eo-learn: the size is {@code radius}, not
     * {@code 2 * radius + 1}, so {@code disk(3)} is a 3×3 cross and {@code disk(5)} a 5×5 disk.
     *
     * @param radius the size in pixels, at least 1
     * @return the element
     * @throws IllegalArgumentException if {@code radius < 1}
     */
    public static StructuringElement disk(int radius) {
        if (radius < 1) {
            throw new IllegalArgumentException("disk radius must be at least 1, got " + radius);
        }
        return ellipse(radius, radius);
    }

    /**
     * OpenCV's {@code MORPH_ELLIPSE} element inscribed in a {@code width × height} box: row {@code i} is filled
     * from {@code c - dx} to {@code c + dx} where {@code r = height / 2}, {@code c = width / 2} and
     * {@code dx = round(c * sqrt((r² - (i - r)²) / r²))} (rounding half to even).
     *
     * @param width  columns, at least 1
     * @param height rows, at least 1
     * @return the element
     */
    public static StructuringElement ellipse(int width, int height) {
        checkSize(width, height);
        return new StructuringElement(height, width, org.eolearn.core.raster.BinaryMorphology.ellipse(width, height));
    }

    /**
     * OpenCV's {@code MORPH_CROSS} element: the anchor row and the anchor column of a {@code width × height} box.
     *
     * @param width  columns, at least 1
     * @param height rows, at least 1
     * @return the element
     */
    public static StructuringElement cross(int width, int height) {
        checkSize(width, height);
        boolean[] cells = new boolean[width * height];
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                cells[i * width + j] = i == height / 2 || j == width / 2;
            }
        }
        return new StructuringElement(height, width, cells);
    }

    /**
     * eo-learn's {@code MorphologicalStructFactory.get_rectangle(width, height)}, which asks OpenCV for
     * {@code MORPH_RECT} of size {@code (height, width)}: the result has {@code width} <em>rows</em> and
     * {@code height} <em>columns</em> (eo-learn's quirk, kept for parity).
     *
     * @param width  rows of the result, at least 1
     * @param height columns of the result, at least 1
     * @return an all-ones element
     */
    public static StructuringElement rectangle(int width, int height) {
        checkSize(width, height);
        boolean[] cells = new boolean[width * height];
        Arrays.fill(cells, true);
        return new StructuringElement(width, height, cells);
    }

    /**
     * eo-learn's {@code MorphologicalStructFactory.get_square(width)}: an all-ones {@code width × width} element.
     *
     * @param width the side, at least 1
     * @return the element
     */
    public static StructuringElement square(int width) {
        return rectangle(width, width);
    }

    /**
     * skimage's {@code morphology.disk(radius)} (the disk of eo-learn before 1.0): the {@code (2r+1) × (2r+1)}
     * cells with {@code dx² + dy² <= r²}.
     *
     * @param radius the radius, at least 0
     * @return the element
     * @throws IllegalArgumentException if {@code radius < 0}
     */
    public static StructuringElement skimageDisk(int radius) {
        checkRadius(radius);
        int n = 2 * radius + 1;
        boolean[] cells = new boolean[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long dy = i - radius;
                long dx = j - radius;
                cells[i * n + j] = dx * dx + dy * dy <= (long) radius * radius;
            }
        }
        return new StructuringElement(n, n, cells);
    }

    /**
     * skimage's {@code morphology.diamond(radius)}: the {@code (2r+1) × (2r+1)} cells with
     * {@code |dx| + |dy| <= r}.
     *
     * @param radius the radius, at least 0
     * @return the element
     * @throws IllegalArgumentException if {@code radius < 0}
     */
    public static StructuringElement diamond(int radius) {
        checkRadius(radius);
        int n = 2 * radius + 1;
        boolean[] cells = new boolean[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cells[i * n + j] = Math.abs(i - radius) + Math.abs(j - radius) <= radius;
            }
        }
        return new StructuringElement(n, n, cells);
    }

    /**
     * skimage's {@code morphology.octagon(m, n)}: a square of side {@code m + 2n} whose corners are cut by
     * diagonals, leaving horizontal and vertical sides of {@code m} cells and slanted sides spanning {@code n} cells.
     *
     * @param m the length of the horizontal and vertical sides, at least 1
     * @param n the height or width of the slanted sides, at least 0
     * @return the element
     * @throws IllegalArgumentException if {@code m < 1} or {@code n < 0}
     */
    public static StructuringElement octagon(int m, int n) {
        if (m < 1 || n < 0) {
            throw new IllegalArgumentException("octagon needs m >= 1 and n >= 0, got m " + m + ", n " + n);
        }
        int size = m + 2 * n;
        int last = size - 1;
        boolean[] cells = new boolean[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                cells[i * size + j] = i + j >= n && j - i <= m + n - 1 && i - j <= m + n - 1
                        && i + j <= last + m + n - 1;
            }
        }
        return new StructuringElement(size, size, cells);
    }

    private static void checkRadius(int radius) {
        if (radius < 0) {
            throw new IllegalArgumentException("radius must not be negative, got " + radius);
        }
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("structuring element size must be at least 1x1, got width " + width
                    + ", height " + height);
        }
    }

    /**
     * Returns the number of rows.
     *
     * @return rows
     */
    public int rows() {
        return rows;
    }

    /**
     * Returns the number of columns.
     *
     * @return columns
     */
    public int cols() {
        return cols;
    }

    /**
     * Tells whether a cell belongs to the neighbourhood.
     *
     * @param row the row
     * @param col the column
     * @return whether the cell is set
     */
    public boolean get(int row, int col) {
        return cells[row * cols + col];
    }

    /**
     * Returns the element as a 0/1 array.
     *
     * @return a new array of {@link #rows()} rows
     */
    public int[][] toArray() {
        int[][] out = new int[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = cells[i * cols + j] ? 1 : 0;
            }
        }
        return out;
    }

    /**
     * The neighbourhood as offsets from the anchor: {@code [dy0, dx0, dy1, dx1, ...]}.
     *
     * @return a new array of offset pairs
     */
    int[] offsets() {
        int n = 0;
        for (boolean c : cells) {
            n += c ? 1 : 0;
        }
        int[] out = new int[2 * n];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (cells[i * cols + j]) {
                    out[k++] = i - rows / 2;
                    out[k++] = j - cols / 2;
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StructuringElement && ((StructuringElement) o).rows == rows
                && ((StructuringElement) o).cols == cols && Arrays.equals(((StructuringElement) o).cells, cells);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        return "StructuringElement" + Arrays.deepToString(toArray());
    }
}
