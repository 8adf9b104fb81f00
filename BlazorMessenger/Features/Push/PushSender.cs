using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Notifications;
using BlazorMessenger.Hosting;
using Lib.Net.Http.WebPush;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Push;

/// <summary>
/// Decides, off the writer's thread, who gets a push for each new message: every recipient with a subscribed browser
/// whose tabs (on any instance) don't show the conversation visibly, and whom the in-page notification rules let it
/// reach (not muted unless mentioned and let through, not a message request, not from someone they blocked; names
/// and pictures as that person may see them). Each of their subscriptions gets one push. Reading a conversation whose
/// notification was pushed closes it on every device with one more push.
/// </summary>
public sealed class PushSender(
    PushQueue queue, IDbContextFactory<ApplicationDbContext> dbFactory, NotificationService notifications, PushViewers viewers,
    PushLedger ledger, PushDelivery delivery, ILogger<PushSender> logger, StorageStartup? storage = null) : BackgroundService
{
    /// <summary>Jobs decided at once: each asks the database a few questions, so several overlap.</summary>
    private const int Deciders = 4;

    private long _decided;

    /// <summary>Jobs decided so far (tests and benchmarks wait on it).</summary>
    public long Decided => Interlocked.Read(ref _decided);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storage is not null)
        {
            await storage.Ready.WaitAsync(stoppingToken);
        }

        await Task.WhenAll(Enumerable.Range(0, Deciders).Select(_ => Task.Run(() => DecideAsync(stoppingToken), stoppingToken)));
    }

    private async Task DecideAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var job in queue.Reader.ReadAllAsync(ct))
            {
                try
                {
                    await (job switch
                    {
                        MessagePushJob posted => PostedAsync(posted, ct),
                        ReadPushJob read => ReadAsync(read, ct),
                        _ => Task.CompletedTask,
                    });
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "A push job failed; its pushes are not sent.");
                }
                finally
                {
                    Interlocked.Increment(ref _decided);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task PostedAsync(MessagePushJob job, CancellationToken ct)
    {
        var message = job.Message;
        var recipients = job.Audience.Where(id => id != message.SenderId).ToList();
        if (recipients.Count == 0 || message.IsDeleted)
        {
            return;
        }

        var targets = (await TargetsAsync(recipients, ct)).ToLookup(t => t.UserId, StringComparer.Ordinal);
        if (targets.Count == 0)
        {
            return;
        }

        foreach (var (userId, note) in await notifications.ForEachAsync([.. targets.Select(t => t.Key)], message, ct))
        {
            if (await viewers.ShowsAsync(userId, note.Href.ToLowerInvariant()))
            {
                continue;
            }

            ledger.Shown(userId, message.ConversationId, message.Seq);
            var payload = PushPayload.Message(note);
            var urgency = !note.Group || Mentions.Mention(message.Body, userId) ? PushMessageUrgency.High : PushMessageUrgency.Normal;
            var json = payload.ToJson();
            foreach (var target in targets[userId])
            {
                delivery.Send(target, json, payload.Topic, urgency);
            }
        }
    }

    private async Task ReadAsync(ReadPushJob job, CancellationToken ct)
    {
        if (!await ledger.TakeAsync(job.UserId, job.ConversationId, job.Seq))
        {
            return;
        }

        var payload = PushPayload.Read(job.ConversationId, job.Seq);
        var json = payload.ToJson();
        foreach (var target in await TargetsAsync([job.UserId], ct))
        {
            delivery.Send(target, json, payload.Topic, PushMessageUrgency.Normal);
        }
    }

    private async Task<List<PushTarget>> TargetsAsync(List<string> userIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PushSubscriptions.AsNoTracking().Where(p => userIds.Contains(p.UserId))
            .Select(p => new PushTarget(p.Id, p.UserId, p.Endpoint, p.P256dh, p.Auth, p.VapidKey))
            .ToListAsync(ct);
    }
}
