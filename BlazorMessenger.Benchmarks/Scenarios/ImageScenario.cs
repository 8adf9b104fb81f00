using Microsoft.Playwright;
using SkiaSharp;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// A photo of about 5 MB from the moment it is chosen in the sender's browser to its thumbnail loaded at the recipient:
/// upload over the circuit, format check, decode, EXIF orientation, re-encode, thumbnail, commit and delivery.
/// </summary>
public static class ImageScenario
{
    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app, Browsers browsers)
    {
        var generator = new DataGenerator(app.Services);
        var people = await generator.CreateUsersAsync("img", 2);
        await generator.ConnectAsync([(people[0], people[1])]);
        await using var senderContext = await browsers.LogInAsync(app.BaseUrl, people[0].UserName);
        await using var receiverContext = await browsers.LogInAsync(app.BaseUrl, people[1].UserName);
        var sender = await Browsers.OpenChatAsync(senderContext, people[1].UserName);
        var receiver = await Browsers.OpenChatAsync(receiverContext, people[0].UserName);
        var photo = Photo(options.Smoke ? 600 : 2600, options.Smoke ? 400 : 2000);
        log.WriteLine($"   photo: {photo.Length / (1024.0 * 1024):0.0} MB JPEG");

        var samples = new List<double>();
        for (var i = 0; i < (options.Smoke ? 1 : 6); i++)
        {
            var started = Clock.NowMs();
            await sender.GetByLabel("Attach a file or image").SetInputFilesAsync(new FilePayload { Name = "photo.jpg", MimeType = "image/jpeg", Buffer = photo });
            await sender.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await receiver.WaitForFunctionAsync(
                "n => [...document.querySelectorAll('[role=log] img')].filter(i => i.complete && i.naturalWidth > 0).length >= n",
                i + 1, new() { Timeout = 60_000 });
            samples.Add(Clock.NowMs() - started);
        }

        var sorted = samples.Skip(options.Smoke ? 0 : 1).Order().ToArray();
        report.Add("image", $"{photo.Length / (1024.0 * 1024):0.0} MB photo chosen to thumbnail shown at recipient (median)", Report.Percentile(sorted, 50), "ms");
        report.Add("image", "slowest", sorted[^1], "ms");
    }

    /// <summary>A noisy photo-sized JPEG (noise keeps it large, as a camera photo is).</summary>
    private static byte[] Photo(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(9);
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        return data.ToArray();
    }
}
