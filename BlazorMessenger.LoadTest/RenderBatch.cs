using System.Buffers.Binary;

namespace BlazorMessenger.LoadTest;

/// <summary>
/// Reads what a client needs from one of Blazor's binary render batches (the format blazor.web.js reads in
/// OutOfProcessRenderBatch): the batch ends with five int32s, the last of them where the string table starts; the table
/// is an int32 position per string, each string LEB128-length-prefixed UTF-8. Every text, markup, attribute value and
/// element name the batch adds is in that table, so a message's text has arrived when one of its strings holds it.
/// </summary>
public readonly ref struct RenderBatch(ReadOnlySpan<byte> data)
{
    private const int TrailerLength = 20;

    private readonly ReadOnlySpan<byte> _data = data;

    public int StringCount => _data.Length < TrailerLength ? 0 : (_data.Length - TrailerLength - StringTableStart) / 4;

    private int StringTableStart => ReadInt32(_data.Length - 4);

    /// <summary>The UTF-8 bytes of the table's string at index.</summary>
    public ReadOnlySpan<byte> String(int index)
    {
        var position = ReadInt32(StringTableStart + index * 4);
        var length = 0;
        var shift = 0;
        byte next;
        do
        {
            next = _data[position++];
            length |= (next & 0x7F) << shift;
            shift += 7;
        }
        while ((next & 0x80) != 0);

        return _data.Slice(position, length);
    }

    /// <summary>
    /// The largest number among the values of the attributes with this name that the batch's frames set (reference
    /// frames are 20 bytes each: the frame type, then for an attribute its name's and value's string indexes).
    /// </summary>
    public long MaxAttributeNumber(ReadOnlySpan<byte> utf8Name)
    {
        const int attributeFrame = 3;
        var max = -1L;
        if (_data.Length < TrailerLength)
        {
            return max;
        }

        var frames = ReadInt32(_data.Length - 16);
        var count = ReadInt32(frames);
        for (var i = 0; i < count; i++)
        {
            var frame = frames + 4 + i * 20;
            if (ReadInt32(frame) != attributeFrame)
            {
                continue;
            }

            var (name, value) = (ReadInt32(frame + 4), ReadInt32(frame + 8));
            if (name >= 0 && value >= 0 && String(name).SequenceEqual(utf8Name)
                && System.Buffers.Text.Utf8Parser.TryParse(String(value), out long number, out _) && number > max)
            {
                max = number;
            }
        }

        return max;
    }

    /// <summary>Whether any string of the batch contains the UTF-8 text.</summary>
    public bool Contains(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < StringCount; i++)
        {
            if (String(i).IndexOf(utf8) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private int ReadInt32(int position) => BinaryPrimitives.ReadInt32LittleEndian(_data.Slice(position, 4));
}
