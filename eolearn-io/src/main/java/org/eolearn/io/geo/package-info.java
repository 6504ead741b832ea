/**
 * Bounding-box utilities of sentinelhub-py: transforms between CRSs, the UTM zone of a point, image dimensions
 * for a resolution ({@link org.eolearn.io.geo.GeoUtils#bboxToDimensions}) and the area splitters
 * ({@link org.eolearn.io.geo.BBoxSplitter}, {@link org.eolearn.io.geo.UtmZoneSplitter}) that turn an area of any
 * size into many patch bounding boxes.
 */
package org.eolearn.io.geo;
