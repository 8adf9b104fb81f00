using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>Images made inside the tests: SkiaSharp for pixels, hand-built bytes for what Skia cannot write (EXIF, GIF).</summary>
public static class TestImages
{
    /// <summary>Left half red, right half blue.</summary>
    public static SKBitmap Halves(int width, int height)
    {
        var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Blue);
        using var red = new SKPaint { Color = SKColors.Red };
        canvas.DrawRect(0, 0, width / 2f, height, red);
        return bitmap;
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 90)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    public static byte[] Png(int width = 64, int height = 48)
    {
        using var bitmap = Halves(width, height);
        return Encode(bitmap, SKEncodedImageFormat.Png);
    }

    /// <summary>Random noise compresses badly, so a few megapixels make a JPEG of several megabytes.</summary>
    public static byte[] NoisyJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(42);
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        return Encode(bitmap, SKEncodedImageFormat.Jpeg, 100);
    }

    /// <summary>A JPEG with an EXIF block holding an orientation and GPS coordinates.</summary>
    public static byte[] JpegWithExif(SKBitmap bitmap, ushort orientation)
    {
        var jpeg = Encode(bitmap, SKEncodedImageFormat.Jpeg);
        var exif = ExifBlock(orientation);
        var app1 = new byte[4 + exif.Length];
        app1[0] = 0xFF;
        app1[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(app1.AsSpan(2), (ushort)(exif.Length + 2));
        exif.CopyTo(app1, 4);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>"Exif\0\0" + a little-endian TIFF: IFD0 with Orientation and a GPS IFD pointer; GPS IFD with latitude.</summary>
    private static byte[] ExifBlock(ushort orientation)
    {
        var tiff = new byte[8 + 2 + 2 * 12 + 4 + 2 + 2 * 12 + 4 + 24];
        var s = tiff.AsSpan();
        "II"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], 8);
        var ifd0 = 8;
        BinaryPrimitives.WriteUInt16LittleEndian(s[ifd0..], 2);
        WriteEntry(s[(ifd0 + 2)..], 0x0112, 3, 1, orientation);
        var gpsIfd = ifd0 + 2 + 2 * 12 + 4;
        WriteEntry(s[(ifd0 + 14)..], 0x8825, 4, 1, (uint)gpsIfd);
        BinaryPrimitives.WriteUInt16LittleEndian(s[gpsIfd..], 2);
        WriteEntry(s[(gpsIfd + 2)..], 0x0001, 2, 2, 'N');
        var rationals = gpsIfd + 2 + 2 * 12 + 4;
        WriteEntry(s[(gpsIfd + 14)..], 0x0002, 5, 3, (uint)rationals);
        foreach (var (i, value) in new[] { (0, 52u), (1, 31u), (2, 12u) })
        {
            BinaryPrimitives.WriteUInt32LittleEndian(s[(rationals + i * 8)..], value);
            BinaryPrimitives.WriteUInt32LittleEndian(s[(rationals + i * 8 + 4)..], 1);
        }

        return [.. "Exif\0\0"u8, .. tiff];
    }

    private static void WriteEntry(Span<byte> at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(at[4..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(at[8..], value);
    }

    /// <summary>A GIF of 1×1 frames in two colours; more than one frame makes it animated.</summary>
    public static byte[] Gif(int frames)
    {
        var bytes = new List<byte>();
        bytes.AddRange("GIF89a"u8.ToArray());
        bytes.AddRange([1, 0, 1, 0, 0x80, 0, 0]);
        bytes.AddRange([0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF]);
        if (frames > 1)
        {
            bytes.AddRange([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8.ToArray(), 0x03, 0x01, 0x00, 0x00, 0x00]);
        }

        for (var i = 0; i < frames; i++)
        {
            bytes.AddRange([0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00]);
            bytes.AddRange([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]);
            bytes.AddRange([0x02, 0x02, (byte)(i % 2 == 0 ? 0x44 : 0x4C), 0x01, 0x00]);
        }

        bytes.Add(0x3B);
        return [.. bytes];
    }

    /// <summary>
    /// The same animation with what a GIF may carry besides its frames: a comment, an XMP block with GPS coordinates,
    /// a plain-text block, and bytes after the end.
    /// </summary>
    public static byte[] GifWithMetadata(int frames)
    {
        var gif = Gif(frames);
        var afterColors = 13 + 6;
        byte[] comment = [0x21, 0xFE, .. SubBlocks("secret comment")];
        byte[] xmp = [0x21, 0xFF, 0x0B, .. "XMP DataXMP"u8.ToArray(), .. SubBlocks("<x:xmpmeta><exif:GPSLatitude>52,31.2N</exif:GPSLatitude></x:xmpmeta>")];
        byte[] text = [0x21, 0x01, 0x0C, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, .. SubBlocks("hidden text")];
        return [.. gif[..afterColors], .. comment, .. xmp, .. gif[afterColors..^1], .. text, 0x3B, .. "TRAILING BYTES"u8.ToArray()];
    }

    private static byte[] SubBlocks(string text)
    {
        var data = Encoding.ASCII.GetBytes(text);
        var blocks = new List<byte>();
        foreach (var chunk in data.Chunk(255))
        {
            blocks.Add((byte)chunk.Length);
            blocks.AddRange(chunk);
        }

        blocks.Add(0);
        return [.. blocks];
    }

    /// <summary>A PNG whose header claims a size (with a valid checksum) but carries no real pixel data.</summary>
    public static byte[] PngClaiming(uint width, uint height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Fastest))
        {
            zlib.Write(new byte[1024]);
        }

        return
        [
            .. new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, .. Chunk("IHDR", ihdr),
            .. Chunk("IDAT", compressed.ToArray()), .. Chunk("IEND", []),
        ];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32([.. typeBytes, .. data]));
        return chunk;
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
