using System.Globalization;
using System.Text;

namespace BlazorMessenger.Features.Chat.Format;

/// <summary>
/// Look-alike links: "https://аpple.com" with a Cyrillic "а" reads as Apple's. As browsers do in the address bar, a host
/// with a name that mixes scripts is shown in its ASCII form ("xn--pple-43d.com"). Latin with Han and the Japanese
/// kana, Han with Hangul or Bopomofo, are the mixes people write and stay as they are.
/// </summary>
public static class LinkHost
{
    private static readonly IdnMapping Idn = new();

    /// <summary>The link as typed, or with its host in ASCII when the host mixes scripts.</summary>
    public static string Shown(string url)
    {
        var (start, length) = HostOf(url);
        if (length == 0)
        {
            return url;
        }

        var host = url.Substring(start, length);
        if (!host.Split('.').Any(MixesScripts))
        {
            return url;
        }

        try
        {
            return string.Concat(url.AsSpan(0, start), Idn.GetAscii(host.ToLowerInvariant()), url.AsSpan(start + length));
        }
        catch (ArgumentException)
        {
            return url; // not a name IDNA can write; the browser will not open it either
        }
    }

    /// <summary>Where the host sits: after "scheme://" (and any "user@"), before the port, path, query or fragment; after "@" in mailto.</summary>
    private static (int Start, int Length) HostOf(string url)
    {
        int start;
        if (url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            start = url.LastIndexOf('@') + 1;
            if (start == 0)
            {
                return (0, 0);
            }
        }
        else
        {
            var scheme = url.IndexOf("://", StringComparison.Ordinal);
            if (scheme < 0)
            {
                return (0, 0);
            }

            start = scheme + 3;
        }

        var end = url.AsSpan(start).IndexOfAny("/?#") is var stop and >= 0 ? start + stop : url.Length;
        var at = url.AsSpan(start, end - start).LastIndexOf('@');
        start = at >= 0 ? start + at + 1 : start;
        var port = url.AsSpan(start, end - start).IndexOf(':');
        return (start, port >= 0 ? port : end - start);
    }

    private static bool MixesScripts(string label)
    {
        var scripts = new HashSet<Script>();
        foreach (var rune in label.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                scripts.Add(ScriptOf(rune.Value));
            }
        }

        return scripts.Count > 1 && !Mixes.Any(scripts.IsSubsetOf);
    }

    /// <summary>The mixes real names are written in: Japanese, Korean and Chinese with Latin.</summary>
    private static readonly Script[][] Mixes =
    [
        [Script.Latin, Script.Han, Script.Kana], [Script.Latin, Script.Han, Script.Hangul], [Script.Latin, Script.Han, Script.Bopomofo],
    ];

    private enum Script { Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Han, Kana, Hangul, Bopomofo, Other }

    private static Script ScriptOf(int c) => c switch
    {
        < 0x0250 or (>= 0x1E00 and < 0x1F00) or (>= 0x2C60 and < 0x2C80) or (>= 0xA720 and < 0xA800) or (>= 0xAB30 and < 0xAB70)
            or (>= 0xFF21 and < 0xFF5B) => Script.Latin,
        (>= 0x0370 and < 0x0400) or (>= 0x1F00 and < 0x2000) => Script.Greek,
        (>= 0x0400 and < 0x0530) or (>= 0x1C80 and < 0x1C90) or (>= 0x2DE0 and < 0x2E00) or (>= 0xA640 and < 0xA6A0) => Script.Cyrillic,
        >= 0x0530 and < 0x0590 => Script.Armenian,
        >= 0x0590 and < 0x0600 => Script.Hebrew,
        (>= 0x0600 and < 0x0700) or (>= 0x0750 and < 0x0780) or (>= 0x08A0 and < 0x0900) or (>= 0xFB50 and < 0xFE00)
            or (>= 0xFE70 and < 0xFF00) => Script.Arabic,
        (>= 0x3040 and < 0x3100) or (>= 0x31F0 and < 0x3200) or (>= 0xFF66 and < 0xFFA0) => Script.Kana,
        (>= 0xAC00 and < 0xD7B0) or (>= 0x1100 and < 0x1200) or (>= 0x3130 and < 0x3190) => Script.Hangul,
        (>= 0x3100 and < 0x3130) or (>= 0x31A0 and < 0x31C0) => Script.Bopomofo,
        (>= 0x3400 and < 0x4DC0) or (>= 0x4E00 and < 0xA000) or (>= 0xF900 and < 0xFB00) or (>= 0x20000 and < 0x32000) => Script.Han,
        _ => Script.Other,
    };
}
