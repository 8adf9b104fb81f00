using System.Buffers;
using Markdig;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.Caching.Memory;

namespace BlazorMessenger.Features.Chat.Format;

/// <summary>
/// How a message body shows: a safe subset of Markdown (*italic*, **bold**, ~~strike~~, `code`, fenced code, quotes,
/// lists) and http(s)/mailto links, with each mention as a chip. Raw HTML never passes: Markdig escapes it, and what
/// Markdig made goes through an allow-list sanitizer. A body without formatting renders as text, as it always did.
/// </summary>
public static partial class MessageFormat
{
    /// <summary>The body as the bubble shows it; mention says how each mention shows (null: tokens stay as stored).</summary>
    public static RenderFragment Render(string stored, Func<string, Mentioned>? mention) => builder =>
    {
        // Messages stored before bidi controls were refused lose them here (see MessageText).
        var body = MessageText.WithoutBidiControls(stored);
        if (IsPlain(body) || ToHtml(body, mention) is not { } html)
        {
            RenderPlain(builder, body, mention);
            return;
        }

        builder.OpenElement(10, "div");
        builder.AddAttribute(11, "class", "bm-md");
        builder.AddMarkupContent(12, html);
        builder.CloseElement();
    };

    /// <summary>
    /// The text without its formatting, for previews, notifications and quotes. Mention tokens stay as they are: the
    /// caller decodes them.
    /// </summary>
    public static string ToPlainText(string stored) =>
        MessageText.WithoutBidiControls(stored) is var body && IsPlain(body) ? body : FormatOf(body).Plain ?? body;

    /// <summary>The sanitized markup of a body that is not plain, with mentions as chips; null to show it as typed.</summary>
    internal static string? ToHtml(string body, Func<string, Mentioned>? mention) =>
        FormatOf(body) is { Html: { } html } formatted ? RestoreMarkup(html, formatted.Pieces, mention) : null;

    /// <summary>A body's markup and plain text with placeholders for its pieces (both null: show it as typed).</summary>
    private sealed record Formatted(string? Html, string? Plain, List<(string Text, string? UserId)> Pieces);

    /// <summary>
    /// Shared by every circuit, so a message is formatted once rather than per reader and render: typical bodies take
    /// some 20 µs, but Markdig's emphasis grows with the square of a paragraph's delimiters, and a 4,000-character body
    /// built for it takes 10–25 ms. Sized in characters.
    /// </summary>
    private static readonly MemoryCache Cache = new(new MemoryCacheOptions { SizeLimit = 4_000_000 });

    private static Formatted FormatOf(string body) => Cache.GetOrCreate(body, entry =>
    {
        var formatted = Format(body);
        entry.Size = body.Length + (formatted.Html?.Length ?? 0) + (formatted.Plain?.Length ?? 0);
        return formatted;
    })!;

    private static Formatted Format(string body)
    {
        var pieces = new List<(string Text, string? UserId)>();
        var asTyped = new Formatted(null, null, pieces);
        if (WithPlaceholders(body, pieces) is not { } text)
        {
            return asTyped;
        }

        try
        {
            var document = Markdown.Parse(text, Pipeline);
            return HasText(document)
                ? new Formatted(Sanitizer.Sanitize(document.ToHtml(Pipeline)), RestoreText(PlainTextOf(document), pieces), pieces)
                : asTyped;
        }
        catch (Exception e) when (e is ArgumentException or InsufficientExecutionStackException)
        {
            // Markdig's answer to nesting past MaxNesting (2,000 quotes in one message), and the plain text walk's guard.
            return asTyped;
        }
    }

    private static readonly SearchValues<char> InlineMarks = SearchValues.Create("*`");
    private static readonly SearchValues<string> Openers =
        SearchValues.Create(["~~", "http://", "https://", "mailto:"], StringComparison.Ordinal);

    /// <summary>
    /// Nothing in it that the pipeline could read as formatting. Errs towards "not plain": that only costs a parse.
    /// </summary>
    internal static bool IsPlain(string body)
    {
        var text = body.AsSpan();
        if (text.ContainsAny(InlineMarks) || text.IndexOfAny(Openers) >= 0)
        {
            return false;
        }

        foreach (var line in text.EnumerateLines())
        {
            if (OpensBlock(line.TrimStart()))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A quote ("&gt;"), or a list item ("-", "+", "1." or "1)" followed by a space or the line's end).</summary>
    private static bool OpensBlock(ReadOnlySpan<char> line)
    {
        if (line.IsEmpty)
        {
            return false;
        }

        if (line[0] == '>')
        {
            return true;
        }

        var digits = line.IndexOfAnyExceptInRange('0', '9');
        var marker = line[0] is '-' or '+' ? 1
            : digits is > 0 and <= 9 && line[digits] is '.' or ')' ? digits + 1
            : 0;
        return marker > 0 && (marker == line.Length || line[marker] is ' ' or '\t');
    }

    /// <summary>As the bubble always rendered text: text nodes, and a chip for each mention of a member.</summary>
    private static void RenderPlain(RenderTreeBuilder builder, string body, Func<string, Mentioned>? mention)
    {
        if (mention is null || !body.Contains("<@", StringComparison.Ordinal))
        {
            builder.AddContent(0, body);
            return;
        }

        foreach (var (text, userId) in Mentions.Split(body))
        {
            if (userId is null)
            {
                builder.AddContent(1, text);
            }
            else if (mention(userId) is { IsMember: true } chip)
            {
                builder.OpenElement(2, "span");
                builder.AddAttribute(3, "class", "bm-mention");
                builder.AddContent(4, chip.Text);
                builder.CloseElement();
            }
            else
            {
                builder.AddContent(5, mention(userId).Text);
            }
        }
    }
}
