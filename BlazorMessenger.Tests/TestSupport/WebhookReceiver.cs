using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// A Telegram.Bot webhook endpoint as its documentation writes one: an ASP.NET Core POST handler that reads the Update
/// with Telegram.Bot's own JSON settings. It can refuse the first posts with a 500 (to see the server try again).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private int _posts;

    private WebhookReceiver(WebApplication app) => _app = app;

    public sealed record Received(Update Update, string? Secret, string? ContentType);

    public string Url { get; private set; } = "";

    public int Posts => Volatile.Read(ref _posts);

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            if (Interlocked.Increment(ref receiver._posts) <= failFirst)
            {
                return Results.StatusCode(500);
            }

            var update = await JsonSerializer.DeserializeAsync<Update>(request.Body, JsonBotAPI.Options);
            receiver._received.Writer.TryWrite(new Received(update!, request.Headers["X-Telegram-Bot-Api-Secret-Token"], request.ContentType));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    /// <summary>The next update posted, within 15 seconds.</summary>
    public async Task<Received> NextAsync() =>
        await _received.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
