using System.Text;
using BlazorMessenger.Features.Profile;

namespace BlazorMessenger.Features.Chat.Format;

/// <summary>
/// Message text as the sender meant it, never as a disguise: the bidi embeddings, overrides and isolates (U+202A–202E,
/// U+2066–2069) are taken out, so "example.com\u202Egpj.exe" cannot read as "example.comexe.jpg"; the marks a
/// right-to-left writer places (LRM, RLM, ALM) stay, as they reorder nothing around them. A message must show
/// something once the characters that draw nothing are left out.
/// </summary>
public static class MessageText
{
    public static string WithoutBidiControls(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u202A', '\u202E') < 0 && text.AsSpan().IndexOfAnyInRange('\u2066', '\u2069') < 0
            ? text
            : string.Create(text.Length - text.Count(IsBidiControl), text, (span, source) =>
            {
                var at = 0;
                foreach (var c in source)
                {
                    if (!IsBidiControl(c))
                    {
                        span[at++] = c;
                    }
                }
            });

    /// <summary>Whether anything is left to see once spaces and invisible characters (see <see cref="NameText"/>) are gone.</summary>
    public static bool HasVisibleContent(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && !NameText.IsInvisible(rune) && !IsVariationSelector(rune.Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What the sender's text becomes before it is stored: without bidi controls, trimmed, and empty when nothing in it
    /// would show (4,000 zero-width spaces are an empty message, refused as one).
    /// </summary>
    public static string Normalize(string? text) =>
        WithoutBidiControls(text ?? "").Trim() is var body && HasVisibleContent(body) ? body : "";

    private static bool IsVariationSelector(int value) => value is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF;

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
