using System.Collections.Concurrent;
using System.Text.Json;
using BlazorMessenger.Data;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Bots.Api;

/// <summary>
/// Delivers updates to the bots that set a webhook: each update POSTed as JSON, in order, with the bot's secret token in
/// X-Telegram-Bot-Api-Secret-Token; a 2xx answer takes it off the queue (and a method in the answer's body is run, as
/// Telegram does), anything else is tried again with backoff (1 s doubling to 1 min) and shown in getWebhookInfo.
/// One instance at a time delivers a bot's updates (a lease on its row). The server never connects to a private or
/// loopback address unless the host is listed in Messenger:Bots:WebhookHosts.
/// </summary>
public sealed partial class BotWebhooks(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    BotApi api,
    IMessengerHub hub,
    IOptions<BotOptions> options,
    TimeProvider time,
    ILogger<BotWebhooks> logger,
    Hosting.StorageStartup? storage = null) : BackgroundService
{
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, Delivery> _bots = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storage is not null)
        {
            await storage.Ready.WaitAsync(stoppingToken);
        }

        using var http = NewClient();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
                foreach (var delivery in _bots.Values.Where(d => d.DueAt <= time.GetUtcNow()))
                {
                    await DeliverAsync(http, delivery, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Delivering bots' webhooks failed; trying again.");
            }

            await _wake.WaitAsync(Sweep, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>The bots with a webhook that this instance holds (or takes over from an instance whose lease ran out).</summary>
    private async Task RefreshAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + Lease;
        // A lease is renewed every sweep while this instance holds the bot; another takes it only once it ran out.
        var held = _bots.Keys.ToList();
        await db.Bots.Where(b => held.Contains(b.UserId) && b.WebhookUrl != null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.WebhookLeaseUtc, until), ct);
        var free = await db.Bots.AsNoTracking()
            .Where(b => b.WebhookUrl != null && !held.Contains(b.UserId) && (b.WebhookLeaseUtc == null || b.WebhookLeaseUtc < now))
            .Select(b => b.UserId).ToListAsync(ct);
        foreach (var botId in free)
        {
            var taken = await db.Bots.Where(b => b.UserId == botId && (b.WebhookLeaseUtc == null || b.WebhookLeaseUtc < now))
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.WebhookLeaseUtc, until), ct);
            if (taken == 1)
            {
                var delivery = new Delivery(botId);
                delivery.Subscription = hub.Subscribe(botId, e =>
                {
                    if (e is MessagePosted or MessageChanged or ReactionsChanged)
                    {
                        _wake.Release();
                    }
                });
                _bots[botId] = delivery;
            }
        }

        var stillSet = await db.Bots.AsNoTracking().Where(b => held.Contains(b.UserId) && b.WebhookUrl != null).Select(b => b.UserId).ToListAsync(ct);
        foreach (var gone in held.Except(stillSet))
        {
            if (_bots.TryRemove(gone, out var delivery))
            {
                delivery.Subscription?.Dispose();
            }
        }
    }

    private async Task DeliverAsync(HttpClient http, Delivery delivery, CancellationToken ct)
    {
        if (await api.CallerAsync(delivery.BotId, ct) is not { WebhookUrl: { } url } bot)
        {
            return;
        }

        var secret = await SecretAsync(bot.UserId, ct);
        foreach (var update in await api.WebhookUpdatesAsync(bot, 100, ct))
        {
            var problem = await PostAsync(http, bot, url, secret, update, ct);
            if (problem is not null)
            {
                delivery.Failed(time.GetUtcNow());
                await RecordErrorAsync(bot.UserId, problem, ct);
                return;
            }

            delivery.Succeeded();
            await api.ConfirmDeliveredAsync(bot.UserId, update.UpdateId, ct);
            await api.MarkTakenAsync(bot.UserId, [update], ct);
        }
    }

    /// <summary>One update to the webhook; null when it took it, else what went wrong (as getWebhookInfo reports it).</summary>
    private async Task<string?> PostAsync(HttpClient http, BotCaller bot, string url, string? secret, TgUpdate update, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(update, TelegramJson.Options)),
        };
        // Exactly "application/json", no charset: python-telegram-bot refuses anything else.
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds));
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return $"Wrong response from the webhook: {(int)response.StatusCode} {response.ReasonPhrase}";
            }

            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if (body.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                using var reply = JsonDocument.Parse(body);
                await api.RunReplyAsync(bot, reply.RootElement, ct);
            }

            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            return ex is OperationCanceledException ? "Read timeout expired" : $"Connection failed: {ex.Message}";
        }
    }

    private async Task<string?> SecretAsync(string botId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Bots.AsNoTracking().Where(b => b.UserId == botId).Select(b => b.WebhookSecret).FirstOrDefaultAsync(ct);
    }

    private async Task RecordErrorAsync(string botId, string problem, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        await db.Bots.Where(b => b.UserId == botId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.LastErrorUtc, now).SetProperty(b => b.LastErrorMessage, problem.Length > 500 ? problem[..500] : problem), ct);
    }

    /// <summary>Hands the bots back at once, so another instance need not wait for the leases to run out.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var held = _bots.Keys.ToList();
        try
        {
            if (held.Count > 0)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                await db.Bots.Where(b => held.Contains(b.UserId))
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.WebhookLeaseUtc, (DateTime?)null), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException or System.Data.Common.DbException)
        {
            // A courtesy only: the leases run out by themselves.
            logger.LogDebug(ex, "Handing the webhooks' leases back failed.");
        }
    }

    public override void Dispose()
    {
        foreach (var delivery in _bots.Values)
        {
            delivery.Subscription?.Dispose();
        }

        _wake.Dispose();
        base.Dispose();
    }

    private sealed class Delivery(string botId)
    {
        private int _failures;

        public string BotId { get; } = botId;

        public IDisposable? Subscription { get; set; }

        public DateTimeOffset DueAt { get; private set; }

        public void Failed(DateTimeOffset now) =>
            DueAt = now + TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(6, _failures++))));

        public void Succeeded() => (_failures, DueAt) = (0, DateTimeOffset.MinValue);
    }
}
