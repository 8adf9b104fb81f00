using System.Diagnostics;
using BlazorMessenger.Features.Media;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// Five "decompression bomb" PNGs at once (about 100 KB each, 6000×6000 black pixels): the process's peak working set
/// while they are processed, with the decoding budget and without it.
/// </summary>
public static class DecodeScenario
{
    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log)
    {
        var side = options.Smoke ? 1000 : 6000;
        var bomb = BlackPng(side, side);
        log.WriteLine($"   5 × {bomb.Length / 1024} KB PNG of {side}×{side} pixels at once");
        foreach (var (label, budgetMb) in new[] { ("no budget", 1_000_000.0), ("default budget", new MediaOptions().DecodeBudgetMb) })
        {
            var messenger = Options.Create(new MediaOptions { DecodeBudgetMb = budgetMb, DecodeWaitSeconds = 120 });
            var processor = new ImageProcessor(messenger, new ImageDecodeBudget(messenger, TimeProvider.System));
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var (baseline, peak) = (process.WorkingSet64, process.WorkingSet64);
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                for (; !stop.IsCancellationRequested; await Task.Delay(5))
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64);
                }
            });
            var watch = Stopwatch.StartNew();
            var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => processor.ProcessAsync(bomb)));
            var elapsed = watch.Elapsed.TotalMilliseconds;
            await stop.CancelAsync();
            await sampler;
            report.Add("decode", $"{label} ({budgetMb:0} MB): peak working set above baseline", (peak - baseline) / 1048576.0, "MB");
            report.Add("decode", $"{label}: all five processed in", elapsed, "ms");
            report.Add("decode", $"{label}: refused", results.Count(r => !r.Succeeded), "n");
        }
    }

    /// <summary>Black pixels compress about a thousand to one; the encoder's memory is gone before measuring starts.</summary>
    private static byte[] BlackPng(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(SKColors.Black);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
