using BlazorMessenger.Features.Search;

namespace BlazorMessenger.Tests.Features.Search;

public sealed class SearchSnippetTests
{
    private const char S = SearchHit.MatchStart;
    private const char E = SearchHit.MatchEnd;

    [Fact]
    public void A_short_formatted_message_shows_whole_as_plain_text_with_its_match_marked()
    {
        var snippet = SearchSnippet.Of($"**{S}bold{E}** move, `code` and <@u-1>", _ => "mia");

        Assert.Equal($"{S}bold{E} move, code and @mia", snippet);
    }

    [Fact]
    public void A_long_message_is_cut_around_its_first_match_at_word_ends_with_the_match_whole()
    {
        var before = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"w{i}"));
        var after = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"v{i}"));

        var snippet = SearchSnippet.Of($"{before} **{S}target{E}** {after}", _ => null);

        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains($" {S}target{E} v0 v1", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("*", snippet, StringComparison.Ordinal);
        Assert.InRange(snippet.Length, 60, SearchSnippet.MaxLength + 2);
        Assert.Matches(@"^…w\d+ ", snippet);
        Assert.Matches(@" v\d+…$", snippet);
        Assert.Equal(snippet.Count(c => c == S), snippet.Count(c => c == E));
    }

    [Fact]
    public void A_match_the_window_would_cut_is_kept_whole()
    {
        var word = new string('x', 200);

        var snippet = SearchSnippet.Of($"a {S}{word}{E} b", _ => null);

        Assert.Equal($"a {S}{word}{E}…", snippet);
    }
}
