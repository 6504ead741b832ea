package org.eolearn.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.eolearn.core.CRS;
import org.eolearn.core.EOPatch;
import org.eolearn.core.GeoTable;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The child JVM of {@link TempFilesTest}: writes and reads GeoPackages (plain and gzip, through
 * {@link EOPatch#load}), prints READY and waits to be killed.
 */
public final class TempFilesChild {

    private TempFilesChild() {
    }

    /**
     * Runs the child.
     *
     * @param args the work folder
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        GeometryFactory f = new GeometryFactory();
        GeoTable table = new GeoTable(CRS.WGS84, List.of(f.createPoint(new Coordinate(14, 46))), List.of());
        Path plain = work.resolve("a.gpkg");
        GeoPackage.write(table, plain, "a");
        GeoPackage.read(plain);
        Path gz = work.resolve("patch/vector_timeless/V.gpkg.gz");
        Files.createDirectories(gz.getParent());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(Files.readAllBytes(plain));
        }
        Files.write(gz, out.toByteArray());
        EOPatch.load(work.resolve("patch"));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
