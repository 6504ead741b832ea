package org.eolearn.io.raster;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eolearn.core.DType;

/**
 * Reads and writes GeoTIFFs through GDAL's Java bindings, called reflectively so that eolearn-io has no
 * compile-time dependency on them (they come with the JNI library of {@code scripts/build-gdal-jni.sh}).
 */
final class GdalCodec {

    private static final int GDT_BYTE = 1;
    private static final int GDT_UINT16 = 2;
    private static final int GDT_INT16 = 3;
    private static final int GDT_UINT32 = 4;
    private static final int GDT_INT32 = 5;
    private static final int GDT_FLOAT32 = 6;
    private static final int GDT_FLOAT64 = 7;
    private static final int GDT_INT8 = 14;

    private static boolean loaded;

    private GdalCodec() {
    }

    /** Loads the JNI library and registers GDAL's drivers (once). */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        GdalBackend.Status s = GdalBackend.status();
        if (!s.available()) {
            throw new IllegalStateException(s.message());
        }
        try {
            System.load(s.jniLibrary().orElseThrow().toAbsolutePath().toString());
            Class<?> gdal = cls("org.gdal.gdal.gdal");
            gdal.getMethod("AllRegister").invoke(null);
            gdal.getMethod("DontUseExceptions").invoke(null);
            loaded = true;
        } catch (ReflectiveOperationException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("GDAL backend found but cannot be loaded (" + s.jniLibrary().orElseThrow()
                    + "): " + e, e);
        }
    }

    private static Class<?> cls(String name) throws ClassNotFoundException {
        return Class.forName(name, true, GdalCodec.class.getClassLoader());
    }

    private static Object call(Object target, String method, Object... args) throws ReflectiveOperationException {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length && fits(m, args)) {
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + method + "/" + args.length);
    }

    private static boolean fits(Method m, Object[] args) {
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            Class<?> t = types[i];
            Object a = args[i];
            if (a == null) {
                if (t.isPrimitive()) {
                    return false;
                }
                continue;
            }
            if (t == int.class) {
                if (!(a instanceof Integer)) {
                    return false;
                }
            } else if (t == double.class) {
                if (!(a instanceof Double)) {
                    return false;
                }
            } else if (!t.isInstance(a)) {
                return false;
            }
        }
        return true;
    }

    private static String lastError() {
        try {
            Object msg = cls("org.gdal.gdal.gdal").getMethod("GetLastErrorMsg").invoke(null);
            return msg == null ? "" : msg.toString();
        } catch (ReflectiveOperationException e) {
            return "";
        }
    }

    static GeoRaster read(Path file) throws IOException {
        load();
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "GeoTIFF file not found");
        }
        try {
            Object ds = cls("org.gdal.gdal.gdal").getMethod("Open", String.class).invoke(null, file.toString());
            if (ds == null) {
                throw new IOException(file + ": GDAL cannot open it: " + lastError());
            }
            try {
                int w = (Integer) call(ds, "getRasterXSize");
                int h = (Integer) call(ds, "getRasterYSize");
                int n = (Integer) call(ds, "getRasterCount");
                if (n < 1) {
                    throw new IOException(file + ": no raster bands");
                }
                double[] gt = (double[]) call(ds, "GetGeoTransform");
                Integer epsg = epsg((String) call(ds, "GetProjectionRef"));
                Object band1 = call(ds, "GetRasterBand", 1);
                int gdt = (Integer) call(band1, "getDataType");
                Object pixelType = call(band1, "GetMetadataItem", "PIXELTYPE", "IMAGE_STRUCTURE");
                DType type = dtype(gdt, "SIGNEDBYTE".equals(pixelType), file);
                Double[] nd = new Double[1];
                call(band1, "GetNoDataValue", (Object) nd);
                int item = type.itemSize();
                ByteBuffer all = ByteBuffer.allocate(n * h * w * item).order(ByteOrder.LITTLE_ENDIAN);
                for (int b = 1; b <= n; b++) {
                    Object band = call(ds, "GetRasterBand", b);
                    byte[] buf = new byte[h * w * item];
                    int err = (Integer) call(band, "ReadRaster", 0, 0, w, h, w, h, gdt, buf);
                    if (err != 0) {
                        throw new IOException(file + ": GDAL cannot read band " + b + ": " + lastError());
                    }
                    if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN && item > 1) {
                        swap(buf, item);
                    }
                    all.put(buf);
                }
                all.flip();
                boolean identity = gt == null || (gt[0] == 0 && gt[1] == 1 && gt[2] == 0 && gt[3] == 0
                        && gt[4] == 0 && gt[5] == 1);
                return new GeoRaster(type, n, h, w, all, identity ? null : gt, epsg, nd[0]);
            } finally {
                call(ds, "delete");
            }
        } catch (ReflectiveOperationException e) {
            throw new IOException(file + ": GDAL call failed: " + cause(e), e);
        }
    }

    private static String cause(ReflectiveOperationException e) {
        Throwable t = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
        return t.toString();
    }

    private static void swap(byte[] buf, int item) {
        for (int i = 0; i + item <= buf.length; i += item) {
            for (int k = 0; k < item / 2; k++) {
                byte x = buf[i + k];
                buf[i + k] = buf[i + item - 1 - k];
                buf[i + item - 1 - k] = x;
            }
        }
    }

    private static Integer epsg(String wkt) throws ReflectiveOperationException {
        if (wkt == null || wkt.isBlank()) {
            return null;
        }
        Object sr = cls("org.gdal.osr.SpatialReference").getConstructor(String.class).newInstance(wkt);
        call(sr, "AutoIdentifyEPSG");
        Object code = call(sr, "GetAuthorityCode", (Object) null);
        try {
            return code == null ? null : Integer.valueOf(code.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static DType dtype(int gdt, boolean signedByte, Path file) throws IOException {
        switch (gdt) {
            case GDT_BYTE: return signedByte ? DType.INT8 : DType.UINT8;
            case GDT_INT8: return DType.INT8;
            case GDT_UINT16: return DType.UINT16;
            case GDT_INT16: return DType.INT16;
            case GDT_UINT32: return DType.UINT32;
            case GDT_INT32: return DType.INT32;
            case GDT_FLOAT32: return DType.FLOAT32;
            case GDT_FLOAT64: return DType.FLOAT64;
            default: throw new IOException(file + ": unsupported GDAL data type " + gdt);
        }
    }

    private static int gdalType(DType t) {
        switch (t) {
            case UINT8: case INT8: return GDT_BYTE;
            case UINT16: return GDT_UINT16;
            case INT16: return GDT_INT16;
            case UINT32: return GDT_UINT32;
            case INT32: return GDT_INT32;
            case FLOAT32: return GDT_FLOAT32;
            case FLOAT64: return GDT_FLOAT64;
            default: throw new IllegalArgumentException("cannot write " + t.numpyName() + " samples to GeoTIFF");
        }
    }

    static void write(GeoRaster r, Path file, GeoTiff.Compression compression) throws IOException {
        int gdt = gdalType(r.type());
        load();
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        try {
            org.eolearn.core.io.AtomicFiles.write(target, tmp -> {
                try {
                    writeTo(r, tmp, compression, gdt);
                } finally {
                    Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".aux.xml"));
                }
            });
        } catch (IOException e) {
            throw new IOException(file + ": cannot write GeoTIFF with GDAL: " + e.getMessage(), e);
        }
    }

    private static void writeTo(GeoRaster r, Path tmp, GeoTiff.Compression compression, int gdt) throws IOException {
        try {
            Object driver = cls("org.gdal.gdal.gdal").getMethod("GetDriverByName", String.class).invoke(null,
                    "GTiff");
            List<String> options = new ArrayList<>(List.of("INTERLEAVE=BAND"));
            if (compression == GeoTiff.Compression.DEFLATE) {
                options.add("COMPRESS=DEFLATE");
            } else if (compression == GeoTiff.Compression.LZW) {
                options.add("COMPRESS=LZW");
            }
            if (r.type() == DType.INT8) {
                options.add("PIXELTYPE=SIGNEDBYTE");
            }
            Object ds = call(driver, "Create", tmp.toString(), r.width(), r.height(), r.bands(), gdt,
                    options.toArray(new String[0]));
            if (ds == null) {
                throw new IOException("GDAL cannot create the file: " + lastError());
            }
            try {
                if (r.geoTransform() != null) {
                    call(ds, "SetGeoTransform", (Object) r.geoTransform());
                }
                if (r.epsg() != null) {
                    Object sr = cls("org.gdal.osr.SpatialReference").getConstructor().newInstance();
                    int err = (Integer) call(sr, "ImportFromEPSG", r.epsg());
                    if (err != 0) {
                        throw new IOException("GDAL does not know EPSG:" + r.epsg() + ": " + lastError());
                    }
                    call(ds, "SetProjection", call(sr, "ExportToWkt"));
                }
                int item = r.type().itemSize();
                int bandBytes = r.height() * r.width() * item;
                for (int b = 0; b < r.bands(); b++) {
                    Object band = call(ds, "GetRasterBand", b + 1);
                    byte[] buf = new byte[bandBytes];
                    r.data().get(b * bandBytes, buf, 0, bandBytes);
                    if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN && item > 1) {
                        swap(buf, item);
                    }
                    int err = (Integer) call(band, "WriteRaster", 0, 0, r.width(), r.height(), r.width(),
                            r.height(), gdt, buf);
                    if (err != 0) {
                        throw new IOException("GDAL cannot write band " + (b + 1) + ": " + lastError());
                    }
                    if (r.noData() != null) {
                        call(band, "SetNoDataValue", r.noData());
                    }
                }
                call(ds, "FlushCache");
            } finally {
                call(ds, "delete");
            }
        } catch (ReflectiveOperationException e) {
            throw new IOException("GDAL call failed: " + cause(e), e);
        }
    }
}
