using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Realtime;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Hosting;

/// <summary>
/// On SIGTERM (or any stop of the host): take no new sends (the browsers' outboxes keep them for the next server), tell
/// every open page that the server is restarting, and store what the writer accepted before the host goes.
/// </summary>
public sealed class GracefulShutdown(
    MessageWriter writer, IMessengerHub hub, IHostApplicationLifetime lifetime, IOptions<MessengerOptions> options,
    ILogger<GracefulShutdown> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Stopping callbacks run last-registered first, and SignalR closes every connection in its own: registered once
        // the app has started (after SignalR's), the notice goes out while the pages are still connected.
        lifetime.ApplicationStarted.Register(() => lifetime.ApplicationStopping.Register(Announce));
        return Task.CompletedTask;
    }

    private void Announce()
    {
        writer.Stop();
        hub.PublishToEveryone(new ServerRestarting());
        logger.LogInformation("Shutting down: no new messages are taken; open pages are told.");
        // A callback cannot await: the connections stay open this long for the notice to render and reach the pages.
        Thread.Sleep(TimeSpan.FromSeconds(options.Value.ShutdownNoticeSeconds));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        writer.Stop();
        try
        {
            await writer.Completion.WaitAsync(cancellationToken);
            logger.LogInformation("Every accepted message is stored.");
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("The shutdown timeout ended before the message writer finished; the browsers will send again.");
        }
    }
}
