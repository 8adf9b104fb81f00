namespace BlazorMessenger.Features.Media;

/// <summary>
/// An animated GIF can't go through the decoder and back (SkiaSharp writes no animation), so it is rebuilt block by
/// block instead: the header, the colour tables, each frame's timing and its compressed pixels, and the loop count.
/// Comments, plain-text blocks, other applications' blocks (XMP, with its GPS data) and anything after the end are left
/// behind.
/// </summary>
public static class GifRewriter
{
    private const byte Extension = 0x21, ImageDescriptor = 0x2C, Trailer = 0x3B;
    private const byte GraphicControl = 0xF9, Application = 0xFF;

    /// <summary>The cleaned GIF, or null when its structure is broken before the first frame ends.</summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> gif)
    {
        if (gif.Length < 13 || !(gif[..6].SequenceEqual("GIF87a"u8) || gif[..6].SequenceEqual("GIF89a"u8)))
        {
            return null;
        }

        using var output = new MemoryStream(gif.Length);
        var at = 13 + ColorTableLength(gif[10]);
        if (at > gif.Length)
        {
            return null;
        }

        output.Write(gif[..at]);
        var frames = 0;
        while (at < gif.Length && gif[at] != Trailer)
        {
            var start = at;
            if (gif[at] == ImageDescriptor && at + 10 <= gif.Length)
            {
                at += 10 + ColorTableLength(gif[at + 9]) + 1; // descriptor, local colours, LZW code size
                if (!SkipSubBlocks(gif, ref at))
                {
                    break;
                }

                output.Write(gif[start..at]);
                frames++;
            }
            else if (gif[at] == Extension && at + 2 <= gif.Length)
            {
                var label = gif[at + 1];
                at += 2;
                var firstBlock = at;
                if (!SkipSubBlocks(gif, ref at))
                {
                    break;
                }

                if (label == GraphicControl || (label == Application && IsLoopBlock(gif[firstBlock..at])))
                {
                    output.Write(gif[start..at]);
                }
            }
            else
            {
                break;
            }
        }

        if (frames == 0)
        {
            return null;
        }

        output.WriteByte(Trailer);
        return output.ToArray();
    }

    /// <summary>Global or local colour table: flag in the top bit, size 2^(n+1) in the low three.</summary>
    private static int ColorTableLength(byte packed) => (packed & 0x80) == 0 ? 0 : 3 * (1 << ((packed & 0x07) + 1));

    private static bool SkipSubBlocks(ReadOnlySpan<byte> gif, ref int at)
    {
        while (at < gif.Length)
        {
            var length = gif[at];
            at += 1 + length;
            if (length == 0)
            {
                return at <= gif.Length;
            }
        }

        return false;
    }

    /// <summary>The Netscape (or AnimExts) block that says how often the animation repeats.</summary>
    private static bool IsLoopBlock(ReadOnlySpan<byte> blocks) =>
        blocks.Length >= 12 && blocks[0] == 11 && (blocks[1..12].SequenceEqual("NETSCAPE2.0"u8) || blocks[1..12].SequenceEqual("ANIMEXTS1.0"u8));
}
