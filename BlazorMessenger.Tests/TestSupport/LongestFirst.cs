using BlazorMessenger.Tests.TestSupport;
using BlazorMessenger.Tests.Benchmarks;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(LongestFirst))]

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// Starts the collections that take longest first (the browser lanes, then the benchmark smoke run's parts), so that the many
/// short ones fill the cores around them instead of one long one running alone at the end.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest =
    [
        BrowserCollection.Name, SecondBrowserCollection.Name, ThirdBrowserCollection.Name,
        nameof(BrowserBenchmarkSmokeTests), nameof(ServerBenchmarkSmokeTests), nameof(ClusterBenchmarkSmokeTests),
    ];

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection =>
        [.. testCollections.OrderBy(c => Rank(c)).ThenBy(c => c.TestCollectionDisplayName, StringComparer.Ordinal)];

    private static int Rank(ITestCollection collection) =>
        Array.FindIndex(Longest, name => collection.TestCollectionDisplayName == name || collection.TestCollectionDisplayName.EndsWith("." + name, StringComparison.Ordinal)) is var at and >= 0
            ? at
            : Longest.Length;
}
