using System.Globalization;
using System.Text;

namespace BlazorMessenger.Features.Chat.Compose;

public static class Emoji
{
    /// <summary>True for a message of one to three emoji and nothing else (spaces aside): shown larger.</summary>
    public static bool IsJumbo(string text)
    {
        var count = 0;
        var elements = StringInfo.GetTextElementEnumerator(text.Trim());
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (string.IsNullOrWhiteSpace(element))
            {
                continue;
            }

            if (!IsEmoji(element) || ++count > 3)
            {
                return false;
            }
        }

        return count > 0;
    }

    /// <summary>True for exactly one emoji (a reaction).</summary>
    public static bool IsSingle(string text) =>
        text.Length is > 0 and <= 32 && StringInfo.GetTextElementEnumerator(text) is var elements
        && elements.MoveNext() && IsEmoji((string)elements.Current) && !elements.MoveNext();

    private static bool IsEmoji(string element)
    {
        var first = element.EnumerateRunes().First();
        if (first.Value < 0x80)
        {
            // Keycaps such as 1️⃣ start with an ASCII digit; plain letters and digits are not emoji.
            return element.Contains('\u20E3');
        }

        return Rune.GetUnicodeCategory(first) == UnicodeCategory.OtherSymbol
            || first.Value is >= 0x1F000 and <= 0x1FAFF
            || (first.Value is >= 0x1F1E6 and <= 0x1F1FF);
    }
}
