using System.Globalization;
using System.Text;

namespace BlazorMessenger.Features.Profile;

/// <summary>
/// Names people choose for themselves and their groups, as others will read them: no invisible characters that reorder
/// or hide text (a right-to-left override makes "‮gnp.exe" read "exe.png"), no control characters, spaces collapsed.
/// The zero-width joiner stays only inside an emoji sequence (👩‍💻), where it is part of the picture.
/// </summary>
public static class NameText
{
    private const char Joiner = '\u200D';

    public static string Clean(string? text)
    {
        var source = (text ?? "").Normalize(NormalizationForm.FormC);
        var kept = new StringBuilder(source.Length);
        for (var i = 0; i < source.Length;)
        {
            var rune = Rune.GetRuneAt(source, i);
            var at = i;
            i += rune.Utf16SequenceLength;
            if (rune.Value == Joiner ? !JoinsEmoji(source, at) : IsInvisible(rune))
            {
                continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                if (kept.Length > 0 && kept[^1] != ' ')
                {
                    kept.Append(' ');
                }

                continue;
            }

            kept.Append(rune.ToString());
        }

        return kept.ToString().Trim();
    }

    /// <summary>
    /// Format and control characters (in any plane: tag characters too), and the letters that draw nothing (Hangul
    /// fillers, the blank Braille pattern), which would let a name look empty or like someone else's.
    /// </summary>
    public static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Control
        || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800;

    /// <summary>Whether the joiner at i sits between two pictographs (emoji are outside the basic plane, or symbols).</summary>
    private static bool JoinsEmoji(string s, int i) =>
        i > 0 && i < s.Length - 1 && IsPictograph(s, i - 1, before: true) && IsPictograph(s, i + 1, before: false);

    private static bool IsPictograph(string s, int at, bool before)
    {
        // Skip a variation selector (U+FE0F) before the joiner: "❤️‍🔥".
        if (before && s[at] == '\uFE0F' && at > 0)
        {
            at--;
        }

        var c = s[at];
        return char.IsSurrogate(c) || char.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol;
    }
}
