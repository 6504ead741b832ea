"""Test oracle: reads windows the way rasterio 1.3's boundless `read(window=from_bounds(...))` does, with GDAL only.

rasterio builds a VRT whose geotransform starts at the fractional window origin, places the source image at minus
that offset, and reads the fractional window (0, 0, width, height) into round(height) x round(width) pixels with
nearest-neighbour resampling. This script does the same through GDAL's Python bindings.

Usage: python3 rasterio_window_oracle.py IMAGE.tif '[[left, bottom, right, top], ...]' FILL
Prints a JSON list of {"shape": [bands, h, w], "data": [...]} (values as floats).
"""
import json
import math
import sys

from osgeo import gdal

gdal.UseExceptions()


def read_window(path, left, bottom, right, top, fill):
    src = gdal.Open(path)
    gt = src.GetGeoTransform()
    size_x, size_y = src.RasterXSize, src.RasterYSize
    c0, c1 = (left - gt[0]) / gt[1], (right - gt[0]) / gt[1]
    r0, r1 = (top - gt[3]) / gt[5], (bottom - gt[3]) / gt[5]
    col_off, row_off = min(c0, c1), min(r0, r1)
    width, height = max(max(c0, c1) - col_off, 0.0), max(max(r0, r1) - row_off, 0.0)
    out_w, out_h = int(math.floor(width + 0.5)), int(math.floor(height + 0.5))
    window_gt = (gt[0] + col_off * gt[1], gt[1], 0.0, gt[3] + row_off * gt[5], 0.0, gt[5])
    vrt_w, vrt_h = int(max(size_x, width) + 1), int(max(size_y, height) + 1)
    gdt = src.GetRasterBand(1).DataType
    type_name = gdal.GetDataTypeName(gdt)
    bands = "".join(
        f'<VRTRasterBand dataType="{type_name}" band="{b}"><NoDataValue>{fill}</NoDataValue>'
        f'<ComplexSource resampling="nearest"><SourceFilename relativeToVRT="0">{path}</SourceFilename>'
        f'<SourceBand>{b}</SourceBand><SrcRect xOff="0" yOff="0" xSize="{size_x}" ySize="{size_y}"/>'
        f'<DstRect xOff="{-col_off!r}" yOff="{-row_off!r}" xSize="{size_x}" ySize="{size_y}"/>'
        f"<NODATA>{fill}</NODATA></ComplexSource></VRTRasterBand>"
        for b in range(1, src.RasterCount + 1)
    )
    vrt = (f'<VRTDataset rasterXSize="{vrt_w}" rasterYSize="{vrt_h}"><GeoTransform>'
           f'{",".join(repr(v) for v in window_gt)}</GeoTransform>{bands}</VRTDataset>')
    ds = gdal.Open(vrt)
    import numpy as np

    dtype = {"Byte": np.uint8, "UInt16": np.uint16, "Int16": np.int16, "UInt32": np.uint32, "Int32": np.int32,
             "Float32": np.float32, "Float64": np.float64}[type_name]
    data = b"".join(
        ds.GetRasterBand(b).ReadRaster1(0.0, 0.0, float(width), float(height), buf_xsize=out_w, buf_ysize=out_h,
                                        buf_type=gdt)
        for b in range(1, src.RasterCount + 1)
    )
    arr = np.frombuffer(data, dtype=dtype).reshape(src.RasterCount, out_h, out_w)
    return {"shape": list(arr.shape), "data": arr.astype(np.float64).ravel().tolist()}


if __name__ == "__main__":
    image, boxes, fill_value = sys.argv[1], json.loads(sys.argv[2]), float(sys.argv[3])
    print(json.dumps([read_window(image, *box, fill_value) for box in boxes]))
