package org.eolearn.geometry.transformations;

/**
 * A north-up pixel grid: pixel {@code (row, col)} covers {@code x ∈ [west + col·dx, west + (col+1)·dx]} and
 * {@code y ∈ [north + (row+1)·dy, north + row·dy]} with {@code dy < 0} (rasterio's
 * {@code transform.from_bounds(west, south, east, north, width, height)}).
 *
 * <p>World to pixel coordinates use GDAL's inverted geotransform ({@code col = -west/dx + x·(1/dx)}), so pixel
 * centres that lie numerically on an edge fall the same way as in GDAL.
 *
 * @param west   x of the left edge
 * @param north  y of the top edge
 * @param dx     pixel width (positive)
 * @param dy     pixel height (negative for north-up)
 * @param width  columns
 * @param height rows
 * @since 0.1
 */
public record PixelGrid(double west, double north, double dx, double dy, int width, int height) {

    /**
     * Validates the grid.
     *
     * @param west   x of the left edge
     * @param north  y of the top edge
     * @param dx     pixel width, non-zero
     * @param dy     pixel height, non-zero
     * @param width  columns, at least 1
     * @param height rows, at least 1
     * @throws IllegalArgumentException if the size is not positive or a pixel size is zero or not finite
     */
    public PixelGrid {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a pixel grid needs a positive size, got " + height + "x" + width);
        }
        if (!(Double.isFinite(dx) && Double.isFinite(dy)) || dx == 0 || dy == 0) {
            throw new IllegalArgumentException("pixel sizes must be finite and non-zero, got " + dx + ", " + dy);
        }
    }

    /**
     * The grid of {@code height × width} pixels over bounds (rasterio's {@code from_bounds}).
     *
     * @param minX   west
     * @param minY   south
     * @param maxX   east
     * @param maxY   north
     * @param width  columns
     * @param height rows
     * @return the grid
     */
    public static PixelGrid fromBounds(double minX, double minY, double maxX, double maxY, int width, int height) {
        return new PixelGrid(minX, maxY, (maxX - minX) / width, (minY - maxY) / height, width, height);
    }

    /**
     * The column coordinate (fractional) of a world x.
     *
     * @param x world x
     * @return the pixel-space x
     */
    public double toCol(double x) {
        return -west / dx + x * (1.0 / dx);
    }

    /**
     * The row coordinate (fractional) of a world y.
     *
     * @param y world y
     * @return the pixel-space y
     */
    public double toRow(double y) {
        return -north / dy + y * (1.0 / dy);
    }

    /**
     * The world x of a pixel-space column coordinate.
     *
     * @param col pixel-space x
     * @return world x
     */
    public double toX(double col) {
        return west + col * dx;
    }

    /**
     * The world y of a pixel-space row coordinate.
     *
     * @param row pixel-space y
     * @return world y
     */
    public double toY(double row) {
        return north + row * dy;
    }
}
