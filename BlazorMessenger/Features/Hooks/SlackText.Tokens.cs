using System.Globalization;
using System.Text.RegularExpressions;
using BlazorMessenger.Features.Chat;

namespace BlazorMessenger.Features.Hooks;

public static partial class SlackText
{
    /// <summary>What Slack shows for "&lt;…&gt;": a link, a mention of someone, a channel, everyone, a group or a date.</summary>
    private static string Token(string inner)
    {
        var bar = inner.IndexOf('|');
        var target = Unescape(bar < 0 ? inner : inner[..bar]);
        var label = bar < 0 ? null : Shortcodes(Unescape(inner[(bar + 1)..])).Trim() is { Length: > 0 } given ? given : null;
        var asWritten = "<" + Unescape(inner) + ">";
        if (target is "!channel" or "!here" or "!everyone")
        {
            return "@" + Mentions.All;
        }

        if (target.Length > 1 && target[0] is '@' or '#' or '!')
        {
            var id = target[1..];
            return target[0] switch
            {
                '@' => "@" + id,
                '#' => "#" + (label?.TrimStart('#') ?? id),
                _ when id.StartsWith("subteam^", StringComparison.Ordinal) => "@" + (label?.TrimStart('@') ?? id["subteam^".Length..]),
                _ when id.StartsWith("date^", StringComparison.Ordinal) => label ?? DateOf(id["date^".Length..]) ?? asWritten,
                _ => label ?? asWritten,
            };
        }

        if (AllowedLink().Match(target) is not { Success: true } scheme)
        {
            return label ?? asWritten;
        }

        // "HTTPS://" is still a link; the app only links lower-case schemes.
        var url = scheme.Value.ToLowerInvariant() + target[scheme.Length..];
        var mail = url.StartsWith("mailto:", StringComparison.Ordinal);
        var address = mail ? url["mailto:".Length..] : url[(url.IndexOf("//", StringComparison.Ordinal) + 2)..];
        var shown = mail ? address : url;
        return label is null || label == url || label == address || label + "/" == address ? shown : $"{label} ({shown})";
    }

    /// <summary>"&lt;!date^1392734382^{date}|…&gt;" without a fallback: the moment in UTC.</summary>
    private static string? DateOf(string date) =>
        long.TryParse(date.Split('^')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds < 253_402_300_800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"^(?:https?://|mailto:)", RegexOptions.IgnoreCase)]
    private static partial Regex AllowedLink();
}
