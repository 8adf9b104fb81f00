using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;

namespace BlazorMessenger.Benchmarks;

/// <summary>One Lighthouse report: category scores (0–100) and the load metrics, with the mobile preset's simulated slow 4G.</summary>
public sealed record LighthouseResult(
    double Performance, double Accessibility, double BestPractices, double Seo,
    double FirstContentfulPaintMs, double LargestContentfulPaintMs, double TotalBlockingTimeMs, double LayoutShift,
    double TransferredKb);

/// <summary>
/// Lighthouse 12 (pinned in lighthouse/package.json and its lock file) run on Debian's Chromium with its default mobile
/// preset: a mid-range phone on simulated slow 4G, a cold cache, a fresh profile every run. It is installed with npm ci
/// on first use into this machine's cache (~/.cache/blazormessenger), in a folder named by the lock file's hash, so that
/// every clone of one version shares one install, as NuGet's packages folder is shared. (package.json pins two packages
/// a Lighthouse dependency asks for as "latest", which npm ci would otherwise refuse.)
/// </summary>
public static class Lighthouse
{
    private static string Pinned => Path.Combine(RepositoryRoot.Find(), "BlazorMessenger.Benchmarks", "lighthouse");

    private static readonly Lazy<string> Installed = new(() =>
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Pinned, "package-lock.json"))))[..16];
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "blazormessenger", $"lighthouse-{hash}");
    });

    private const string NodeMissing =
        "Lighthouse needs Node.js and npm: sudo apt-get install -y nodejs npm (./test.sh installs them when run as root).";

    private static string Folder => Installed.Value;

    private static string Cli => Path.Combine(Folder, "node_modules", "lighthouse", "cli", "index.js");

    public static async Task EnsureInstalledAsync(TextWriter log)
    {
        if (File.Exists(Cli))
        {
            return;
        }

        // Installed beside its final place and moved there whole: a run that stops half-way, or another run installing
        // at the same time, never leaves a folder that looks installed and is not.
        log.WriteLine($"   installing Lighthouse from the npm registry (npm ci) into {Folder}...");
        var staging = $"{Folder}.{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var file in new[] { "package.json", "package-lock.json" })
            {
                File.Copy(Path.Combine(Pinned, file), Path.Combine(staging, file));
            }

            var (exit, output) = await ChildProcess.RunAsync("npm", staging, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], NodeMissing);
            if (exit != 0)
            {
                throw new InvalidOperationException($"npm ci for Lighthouse failed ({exit}) in {staging}:\n{output}");
            }

            try
            {
                Directory.Move(staging, Folder);
            }
            catch (IOException) when (File.Exists(Cli))
            {
                // Another run finished the same install first.
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        if (!File.Exists(Cli))
        {
            throw new InvalidOperationException($"npm ci for Lighthouse left no {Cli}.");
        }
    }

    /// <summary>
    /// Scores one page. Lighthouse drives a Chromium started here with a debugging port; a signed-in page gets the
    /// session's cookies in that browser first (not as a header Lighthouse adds, which the circuit's WebSocket would
    /// not carry). Lighthouse empties the cache before it loads the page, but keeps cookies.
    /// </summary>
    public static async Task<LighthouseResult> RunAsync(IPlaywright playwright, string url, IReadOnlyList<Cookie> cookies)
    {
        var profile = Path.Combine(Path.GetTempPath(), $"bm-lighthouse-{Guid.NewGuid():N}");
        var report = profile + ".json";
        var chromium = ChildProcess.StartInBackground(Browsers.ChromiumPath,
            [.. Browsers.ChromiumFlags, "--headless=new", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank"]);
        try
        {
            var port = await DebuggingPortAsync(profile, chromium);
            if (cookies.Count > 0)
            {
                var browser = await playwright.Chromium.ConnectOverCDPAsync($"http://127.0.0.1:{port}");
                await browser.Contexts[0].AddCookiesAsync(cookies);
                await browser.CloseAsync();
            }

            var (exit, output) = await ChildProcess.RunAsync("node", Folder,
                [Cli, url, $"--port={port}", "--quiet", "--output=json", $"--output-path={report}",
                 "--only-categories=performance,accessibility,best-practices,seo"], NodeMissing);
            if (exit != 0 || !File.Exists(report))
            {
                throw new InvalidOperationException($"Lighthouse failed ({exit}) on {url}:\n{output}");
            }

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            return Read(json.RootElement);
        }
        finally
        {
            await ChildProcess.StopAsync(chromium);
            File.Delete(report);
            Directory.Delete(profile, recursive: true);
        }
    }

    /// <summary>Chromium writes the port it chose into the profile once it listens.</summary>
    private static async Task<int> DebuggingPortAsync(string profile, Process chromium)
    {
        var file = Path.Combine(profile, "DevToolsActivePort");
        for (var waited = 0; waited < 300; waited++)
        {
            if (chromium.HasExited)
            {
                throw new InvalidOperationException($"Chromium exited with code {chromium.ExitCode} before it listened.");
            }

            if (File.Exists(file) && int.TryParse((await File.ReadAllLinesAsync(file)).FirstOrDefault(), out var port))
            {
                return port;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Chromium did not open its debugging port within 30 s.");
    }

    private static LighthouseResult Read(JsonElement report)
    {
        var categories = report.GetProperty("categories");
        var audits = report.GetProperty("audits");
        return new LighthouseResult(
            Score("performance"), Score("accessibility"), Score("best-practices"), Score("seo"),
            Metric("first-contentful-paint"), Metric("largest-contentful-paint"), Metric("total-blocking-time"),
            Metric("cumulative-layout-shift"), Metric("total-byte-weight") / 1000);

        double Score(string category) => categories.GetProperty(category).GetProperty("score").GetDouble() * 100;

        double Metric(string audit) => audits.GetProperty(audit).GetProperty("numericValue").GetDouble();
    }
}
