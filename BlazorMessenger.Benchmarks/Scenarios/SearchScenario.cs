using System.Diagnostics;
using BlazorMessenger.Features.Search;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// Full-text search over a large database: one reader who is in two thirds of 150 conversations searches all of theirs
/// and single conversations for words drawn like the text's own (common and rare). Returns the data directory, kept
/// for the cold-start scenario.
/// </summary>
public static class SearchScenario
{
    public static async Task<string> RunAsync(BenchmarkOptions options, Report report, TextWriter log)
    {
        var (dataDirectory, reader, conversations) = await GenerateAsync(options, report, log);
        await using var services = await BenchServices.OpenAsync(dataDirectory, keep: true);
        var search = services.Get<SearchService>();
        var words = new TextMaker(7);
        var random = new Random(11);
        var readersConversations = conversations.Where(c => c.A.Id == reader.Id).ToList();

        // Warm-up: the first queries pay for JIT and for reading the index into the page cache.
        for (var i = 0; i < 5; i++)
        {
            await search.SearchAsync(reader.Id, null, words.Word());
        }

        var global = new List<double>();
        var inConversation = new List<double>();
        for (var i = 0; i < options.SearchQueries; i++)
        {
            var typed = i % 4 == 3 ? $"{words.Word()} {words.Word()}" : words.Word();
            var one = i % 2 == 1 ? readersConversations[random.Next(readersConversations.Count)].Id : (long?)null;
            var started = Stopwatch.GetTimestamp();
            await search.SearchAsync(reader.Id, one, typed);
            (one is null ? global : inConversation).Add(BenchmarkRunner.Ms(started));
        }

        report.AddPercentiles("search", $"all own conversations, {options.SearchMessages:N0} messages", global, "ms", null, "≤ 50");
        report.AddPercentiles("search", "one conversation", inConversation, "ms", null, "≤ 50");
        return services.DataDirectory;
    }

    /// <summary>The database the search and cold-start scenarios share: 150 conversations, SearchMessages messages.</summary>
    private static async Task<(string DataDirectory, GeneratedUser Reader, List<GeneratedConversation> Conversations)> GenerateAsync(
        BenchmarkOptions options, Report report, TextWriter log)
    {
        await using var services = await BenchServices.CreateAsync("search", keep: true);
        var generator = new DataGenerator(services.Provider);
        var people = await generator.CreateUsersAsync("sr", 201);
        var reader = people[0];
        var pairs = people.Skip(1).Take(100).Select(p => (reader, p))
            .Concat(people.Skip(101).Chunk(2).Select(p => (p[0], p[1])));
        var conversations = await generator.ConnectAsync(pairs);
        var text = new TextMaker(3);
        var watch = Stopwatch.StartNew();
        await generator.AddMessagesAsync(conversations, options.SearchMessages, _ => text.Next());
        log.WriteLine($"   generated {options.SearchMessages:N0} messages in {watch.Elapsed.TotalSeconds:0.0} s");
        report.Add("search", "data generator: messages inserted (FTS triggers on)", options.SearchMessages / watch.Elapsed.TotalSeconds, "msg/s");
        return (services.DataDirectory, reader, conversations);
    }
}
