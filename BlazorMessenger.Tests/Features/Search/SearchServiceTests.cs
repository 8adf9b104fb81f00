using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Search;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Search;

[BothDatabases]
public sealed class SearchServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Finds_words_in_the_whole_history_newest_first_with_the_matches_marked()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        await bed.SendAsync(bed.Alice, "The quarterly report is ready");
        await bed.SendAsync(bed.Bob, "Unrelated chatter");
        await bed.SendAsync(bed.Bob, "Where is the Report?");
        var search = bed.Services.Get<SearchService>();

        var hits = await search.SearchAsync(bed.Alice, bed.ConversationId, "report", Ct);

        Assert.Equal(["Where is the Report?", "The quarterly report is ready"], hits.Select(h => Plain(h)));
        Assert.Contains(hits[0].Pieces(), p => p is { IsMatch: true, Text: "Report" });
        Assert.Equal("chat/bob", hits[0].ConversationHref);
        Assert.Equal(3, hits[0].Seq);
    }

    [Theory]
    [InlineData("don", "I don’t know…")]
    [InlineData("what", "wait—what")]
    [InlineData("example", "write to bob@example.com")]
    [InlineData("cafe", "Café Zürich at noon")]
    [InlineData("zuri", "Café Zürich at noon")]
    [InlineData("привет", "ПРИВЕТ всем")]
    public async Task Punctuation_separates_words_and_case_and_accents_fold(string typed, string body)
    {
        await using var bed = await ChatTestBed.CreateAsync();
        await bed.SendAsync(bed.Alice, body);

        var hits = await bed.Services.Get<SearchService>().SearchAsync(bed.Bob, bed.ConversationId, typed, Ct);

        Assert.Equal([body], hits.Select(h => Plain(h)));
        Assert.Contains(hits[0].Pieces(), p => p.IsMatch);
    }

    [Fact]
    public async Task Results_never_include_conversations_the_caller_is_not_in()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        await bed.SendAsync(bed.Alice, "secret plan for bob");
        await bed.Services.Get<ContactService>().AddAsync(bed.Carol, "alice", Ct);
        var search = bed.Services.Get<SearchService>();

        var carolsHits = await search.SearchAsync(bed.Carol, null, "secret", Ct);
        await Assert.ThrowsAsync<NotAMemberException>(() => search.SearchAsync(bed.Carol, bed.ConversationId, "secret", Ct));
        var bobsHits = await search.SearchAsync(bed.Bob, null, "secret", Ct);

        Assert.Empty(carolsHits);
        Assert.Single(bobsHits);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(")]
    [InlineData("a OR b AND NOT")]
    [InlineData("Body:secret")]
    [InlineData("***")]
    [InlineData("(\"unbalanced")]
    [InlineData("   ")]
    [InlineData("'; DROP TABLE Messages; --")]
    public async Task Odd_input_never_throws(string typed)
    {
        await using var bed = await ChatTestBed.CreateAsync();
        await bed.SendAsync(bed.Alice, "near the body of secret water, a OR b");
        var search = bed.Services.Get<SearchService>();

        var hits = await search.SearchAsync(bed.Alice, null, typed, Ct);

        Assert.NotNull(hits);
        Assert.Single(await search.SearchAsync(bed.Alice, null, "water", Ct));
    }

    [Fact]
    public async Task Edits_are_found_by_their_new_words_and_deleted_messages_are_not_found()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var edited = await bed.SendAsync(bed.Alice, "meet at the cafe");
        var deleted = await bed.SendAsync(bed.Alice, "meet at the station");
        await bed.Changes.EditAsync(bed.Alice, edited.Id, "meet at the library", Ct);
        await bed.Changes.DeleteAsync(bed.Alice, deleted.Id, Ct);
        var search = bed.Services.Get<SearchService>();

        Assert.Empty(await search.SearchAsync(bed.Bob, null, "cafe", Ct));
        Assert.Empty(await search.SearchAsync(bed.Bob, null, "station", Ct));
        Assert.Equal(edited.Id, Assert.Single(await search.SearchAsync(bed.Bob, null, "libr", Ct)).MessageId);
    }

    [Fact]
    public async Task Formatted_messages_are_found_by_their_words_and_the_hit_shows_them_without_markup()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        await bed.SendAsync(bed.Alice, "a **bold** move with `code`");
        var search = bed.Services.Get<SearchService>();

        var hit = Assert.Single(await search.SearchAsync(bed.Bob, null, "bold", Ct));

        Assert.Equal("a bold move with code", Plain(hit));
        Assert.Contains(hit.Pieces(), p => p is { IsMatch: true, Text: "bold" });
        Assert.DoesNotContain('*', hit.Snippet);
        Assert.DoesNotContain('`', hit.Snippet);
    }

    [Fact]
    public void Every_word_is_quoted_and_the_last_one_is_a_prefix() =>
        Assert.Equal("\"say\" \"\"\"hi\"\"\"*", SearchQuery.ToFts("say \"hi\""));

    private static string Plain(SearchHit hit) => string.Concat(hit.Pieces().Select(p => p.Text));
}
