using System.Diagnostics;
using BlazorMessenger.LoadTest;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// How many open chats one server carries: the app as its own process (Production, SQLite), people in pairs each with a
/// 50-message conversation, every person's chat open in a headless circuit of the load client (this process). At each
/// step of CapacitySteps: the circuits are opened up to N, left idle (the server's CPU per idle circuit), measured (heap
/// and working set per circuit), then N/1,000 messages a second are sent from random people to their peer and timed to
/// the render batch carrying them at the peer's circuit. The largest N whose p99 stays within 200 ms is the capacity.
/// </summary>
public static class CapacityScenario
{
    private const double P99LimitMs = 200;

    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log)
    {
        var steps = options.CapacitySteps.Order().ToArray();
        var dataDirectory = BenchSettings.NewDataDirectory("capacity");
        try
        {
            var people = await SeedAsync(dataDirectory, steps[^1], log);
            var settings = new Dictionary<string, string?>(BenchSettings.For(dataDirectory)) { ["Messenger:Metrics:Enabled"] = "true" };
            await using var app = await AppProcess.StartBuiltAsync(dataDirectory, settings: settings);
            await using var crowd = new Crowd(new Uri(app.BaseUrl + "/"), DataGenerator.Password);
            var metrics = new ServerMetrics(app);
            var timeout = TimeSpan.FromSeconds(60);
            var quiet = options.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(20);
            // Idle windows span the slowest periodic work: two session checks (30 s), four client pings (15 s).
            var idleWindow = options.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60);

            // Two circuits opened and closed first (their people open again at the first step): what every later one
            // shares (JIT, caches) is not counted to them.
            await using (var warm = new Crowd(new Uri(app.BaseUrl + "/"), DataGenerator.Password))
            {
                await warm.OpenAsync(people.Take(2), 2, timeout, CancellationToken.None);
            }

            await Task.Delay(quiet);
            var baseline = await metrics.ReadAsync();
            var baselineIdle = new CpuWindow(app);
            await Task.Delay(idleWindow);
            var idleBase = baselineIdle.End();
            var idleBaseMsPerMinute = idleBase.ServerMs / idleBase.Elapsed.TotalMinutes;
            report.Add("capacity", "server CPU with no circuit open", idleBaseMsPerMinute / 1000 / 60 * 100, "% of one core");
            var capacity = 0;
            foreach (var n in steps)
            {
                var step = new StepFigures(report, n);
                var opening = new CpuWindow(app);
                await crowd.OpenAsync(people.Skip(crowd.Count).Take(n - crowd.Count), parallel: 4, timeout, CancellationToken.None);
                var opened = opening.End();
                var (logIn, open) = crowd.MeanTimes;
                log.WriteLine($"   {n} circuits open ({opened.Elapsed.TotalSeconds:0} s, server {opened.ServerPercent:0}% / client {opened.ClientPercent:0}% CPU; " +
                    $"sign-in {logIn:0} ms, chat page and circuit {open:0} ms each, four at a time)");

                await Task.Delay(quiet);
                var idle = new CpuWindow(app);
                var trafficBefore = crowd.Traffic;
                await Task.Delay(idleWindow);
                var idleCpu = idle.End();
                var traffic = crowd.Traffic;
                var perCircuitMinute = 1.0 / n / idleCpu.Elapsed.TotalMinutes;
                step.Add("render batches per idle circuit", (traffic.Batches - trafficBefore.Batches) * perCircuitMinute, "per min");
                step.Add("JS calls per idle circuit", (traffic.JsCalls - trafficBefore.JsCalls) * perCircuitMinute, "per min");
                var memory = await metrics.ReadAsync();
                var idlePerCircuit = (idleCpu.ServerMs / idleCpu.Elapsed.TotalMinutes - idleBaseMsPerMinute) / n;
                step.Add("server CPU per idle circuit (above none open)", idlePerCircuit, "ms/min");
                step.Add("server CPU, all circuits idle", idleCpu.ServerPercent, "% of one core");
                step.Add("managed heap per circuit", (memory.HeapMb - baseline.HeapMb) / n, "MB", "≤ 1");
                step.Add("working set per circuit", (memory.WorkingSetMb - baseline.WorkingSetMb) / n, "MB");
                step.Add("server working set", memory.WorkingSetMb, "MB");

                var load = new CpuWindow(app);
                var rate = options.Smoke ? 20 : n / 1000.0;
                // At least half a minute of sending at the larger steps; at smoke size, its few messages.
                var count = options.Smoke ? options.CapacityMessages : Math.Max(options.CapacityMessages, (int)(rate * 30));
                var sent = await crowd.SendAsync(rate, count, timeout, CancellationToken.None);
                var loadCpu = load.End();
                var sorted = sent.LatenciesMs.Order().ToArray();
                var p99 = Report.Percentile(sorted, 99);
                report.AddPercentiles("capacity", $"{n} circuits: send → render at the peer's circuit", sorted, "ms", p99Target: $"≤ {P99LimitMs:0}");
                step.Add("messages lost or late (over 60 s)", sent.Lost, "n", "≤ 0");
                step.Add("circuits failed", crowd.Failed, "n", "≤ 0");
                step.Add("server CPU under load", loadCpu.ServerPercent, "% of one core");
                step.Add("load client CPU under load", loadCpu.ClientPercent, "% of one core");
                log.WriteLine($"   {n}: p50 {Report.Percentile(sorted, 50):0.0} ms, p99 {p99:0.0} ms, lost {sent.Lost}, " +
                    $"heap +{(memory.HeapMb - baseline.HeapMb) / n:0.00} MB/circuit, working set {memory.WorkingSetMb:0} MB, " +
                    $"idle {idleCpu.ServerPercent:0}% ({idlePerCircuit:0.00} ms CPU/min/circuit), load server {loadCpu.ServerPercent:0}% client {loadCpu.ClientPercent:0}%");
                if (p99 > P99LimitMs || sent.Lost > 0 || crowd.Failed > 0)
                {
                    break;
                }

                capacity = n;
            }

            report.Add("capacity", "open chats with p99 ≤ 200 ms (largest step)", capacity, "circuits", options.Smoke ? null : "≥ 5000");
        }
        finally
        {
            BenchSettings.Delete(dataDirectory);
        }
    }

    /// <summary>count people in pairs, each pair a direct conversation of 50 messages; each person opens the chat with the other.</summary>
    private static async Task<List<(string User, string Peer)>> SeedAsync(string dataDirectory, int count, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        await using var services = await BenchServices.OpenAsync(dataDirectory, keep: true);
        var generator = new DataGenerator(services.Provider);
        var users = await generator.CreateUsersAsync("cap", count + count % 2);
        var conversations = await generator.ConnectAsync(users.Chunk(2).Select(p => (p[0], p[1])));
        var text = new TextMaker(18);
        await generator.AddMessagesAsync(conversations, conversations.Count * 50, _ => text.Next());
        log.WriteLine($"   {users.Count} people, {conversations.Count} conversations of 50 messages in {watch.Elapsed.TotalSeconds:0.0} s");
        return [.. conversations.SelectMany(c => new[] { (c.A.UserName, c.B.UserName), (c.B.UserName, c.A.UserName) })];
    }

    private sealed class StepFigures(Report report, int circuits)
    {
        public void Add(string name, double value, string unit, string? target = null) =>
            report.Add("capacity", $"{circuits} circuits: {name}", value, unit, target);
    }
}
