package org.eolearn.io.vector;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Layer names and CRS definitions of a GeoPackage (the data itself is read by core's GeoPackage). */
final class GpkgInfo {

    private GpkgInfo() {
    }

    /** A feature layer: its name and its CRS's organisation, code and WKT definition. */
    record Layer(String name, String organization, int code, String definition) {
    }

    static List<Layer> layers(Path file) throws IOException {
        List<Layer> out = new ArrayList<>();
        try (Connection c = org.eolearn.core.io.GeoPackage.openReadOnly(file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT g.table_name, g.srs_id FROM gpkg_geometry_columns g JOIN "
                     + "gpkg_contents c ON c.table_name = g.table_name ORDER BY c.rowid")) {
            List<Object[]> raw = new ArrayList<>();
            while (rs.next()) {
                raw.add(new Object[] {rs.getString(1), rs.getInt(2)});
            }
            for (Object[] r : raw) {
                try (PreparedStatement p = c.prepareStatement("SELECT organization, organization_coordsys_id, "
                        + "definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?")) {
                    p.setInt(1, (Integer) r[1]);
                    try (ResultSet srs = p.executeQuery()) {
                        if (srs.next()) {
                            out.add(new Layer((String) r[0], srs.getString(1), srs.getInt(2), srs.getString(3)));
                        } else {
                            out.add(new Layer((String) r[0], null, -1, null));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException(file + ": not a GeoPackage with feature layers (" + e.getMessage() + ")", e);
        }
        return out;
    }
}
