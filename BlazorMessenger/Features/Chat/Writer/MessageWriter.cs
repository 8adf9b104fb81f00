using System.Threading.Channels;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Push;
using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Features.Typing;
using BlazorMessenger.Hosting.Operations;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Chat.Writer;

/// <summary>
/// Group commit. One writer loop takes every send waiting at that moment and stores them in one transaction, so a burst
/// of concurrent senders pays for one durable commit instead of one each. Per message it checks, in this order,
/// membership, a repeated client id and the per-user send limit; it assigns the next Seq, commits, publishes each new
/// message to the hub in Seq order, and only then completes the callers' tasks.
/// </summary>
public sealed partial class MessageWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;

    /// <summary>How often a batch goes again after PostgreSQL undid it for a deadlock with another instance.</summary>
    private const int MaxConflictRetries = 3;

    private readonly Channel<Pending> _queue;
    private readonly TimeSpan _deadline;
    private readonly IDbContextFactory<ApplicationDbContext> _dbFactory;
    private readonly IMessengerHub _hub;
    private readonly UserRateLimiter _rateLimiter;
    private readonly TypingTracker _typing;
    private readonly TimeProvider _time;
    private readonly ILogger<MessageWriter> _logger;
    private readonly ReceiptWriter _receipts;
    private readonly MessengerMetrics _metrics;
    private readonly PushQueue _push;
    private readonly Task _loop;
    private long _commits;
    private long _batchStartedAt;
    private volatile bool _stopped;

    public MessageWriter(
        IDbContextFactory<ApplicationDbContext> dbFactory, IMessengerHub hub, UserRateLimiter rateLimiter, TypingTracker typing,
        IOptions<WriterOptions> options, TimeProvider time, ILogger<MessageWriter> logger, MessengerMetrics metrics, ReceiptWriter receipts,
        PushQueue push)
    {
        _push = push;
        _metrics = metrics;
        _receipts = receipts;
        var limits = options.Value;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(limits.MaxQueue) { SingleReader = true });
        _deadline = TimeSpan.FromSeconds(limits.SendTimeoutSeconds);
        _typing = typing;
        _dbFactory = dbFactory;
        _hub = hub;
        _rateLimiter = rateLimiter;
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>How many transactions the writer has committed (benchmarks and tests read it to see batching).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>How long the batch being written has taken so far (zero while the writer waits for work).</summary>
    public TimeSpan BusyFor => Interlocked.Read(ref _batchStartedAt) is var started and > 0 ? _time.GetElapsedTime(started) : TimeSpan.Zero;

    /// <summary>Sends waiting for the writer (not counting the batch being written).</summary>
    public int Waiting => _queue.Reader.Count;

    /// <summary>
    /// Stores the message (or finds it stored before) and completes after the commit. Throws
    /// <see cref="NotAMemberException"/> for a sender outside the conversation; a refusal is a failed result: the send
    /// limit, or <see cref="MessageRules.ServerBusy"/> when the queue is full, the writer is stopping, the message waited
    /// past its deadline without being taken (it will never be stored) or its batch met a fault of the database or disk.
    /// </summary>
    public async Task<ServiceResult<StoredMessage>> WriteAsync(NewMessage message, CancellationToken ct = default)
    {
        var pending = new Pending(message);
        if (!_queue.Writer.TryWrite(pending))
        {
            return Busy;
        }

        try
        {
            return await pending.Done.Task.WaitAsync(_deadline, _time, ct);
        }
        catch (TimeoutException) when (pending.TryWithdraw())
        {
            return Busy;
        }
        catch (TimeoutException)
        {
            // Taken into a batch just now: its outcome decides (a caller must know whether an upload's files are used).
            return await pending.Done.Task.WaitAsync(ct);
        }
    }

    private static ServiceResult<StoredMessage> Busy => ServiceResult<StoredMessage>.Fail(MessageRules.ServerBusy);

    /// <summary>Takes no more sends; those already accepted are still stored, then <see cref="Completion"/> ends.</summary>
    public void Stop()
    {
        _stopped = true;
        _queue.Writer.TryComplete();
    }

    public Task Completion => _loop;

    public bool IsStopped => _stopped;

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                if (pending.TryTake())
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            Interlocked.Exchange(ref _batchStartedAt, _time.GetTimestamp());
            try
            {
                await WriteOrSplitAsync(batch);
            }
            finally
            {
                Interlocked.Exchange(ref _batchStartedAt, 0);
            }
        }
    }

    /// <summary>
    /// A conflict with another instance's transaction writes the batch again. A fault of the database or the disk fails
    /// the whole batch at once: every message would meet it again, one by one
    /// (each after the busy timeout). Anything else is taken to be one message's problem: the others are stored alone.
    /// </summary>
    private async Task WriteOrSplitAsync(List<Pending> batch, int conflicts = 0)
    {
        try
        {
            await WriteBatchAsync(batch);
        }
        catch (Exception ex) when (WriterFaults.IsConflict(ex) && conflicts < MaxConflictRetries)
        {
            _logger.LogInformation("A batch of {Count} messages met another writer's transaction; writing it again.", batch.Count);
            await WriteOrSplitAsync(batch, conflicts + 1);
        }
        catch (Exception ex) when (WriterFaults.IsSystemFault(ex))
        {
            _logger.LogError(ex, "Storing a batch of {Count} messages failed; each sender is told to try again.", batch.Count);
            batch.ForEach(p => p.Done.TrySetResult(Busy));
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            _logger.LogWarning(ex, "A batch of {Count} messages failed; storing them one at a time.", batch.Count);
            foreach (var pending in batch)
            {
                await WriteOrSplitAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
        }
    }

    /// <summary>After the commit: publish each new message once, in Seq order, then answer every caller.</summary>
    private void Complete(List<Outcome> outcomes)
    {
        var published = new HashSet<NewRow>(ReferenceEqualityComparer.Instance);
        foreach (var outcome in outcomes)
        {
            if (outcome.Written is { } row && published.Add(row))
            {
                _hub.Publish(row.Audience, new MessagePosted(row.Message));
                _typing.MessageStored(row.Message.ConversationId, row.Message.SenderId, row.Audience);
                _push.Posted(row.Message, row.Audience);
            }
        }

        var answered = new HashSet<NewRow>(ReferenceEqualityComparer.Instance);
        foreach (var (pending, result, written) in outcomes)
        {
            if (result is not null)
            {
                pending.Done.TrySetResult(result);
            }
            else if (written is not null)
            {
                pending.Done.TrySetResult(ServiceResult<StoredMessage>.Ok(new StoredMessage(written.Message, answered.Add(written))));
            }
            else
            {
                pending.Done.TrySetException(new NotAMemberException(pending.Message.ConversationId));
            }
        }
    }

    /// <summary>
    /// Per caller: a finished answer, or the row this batch wrote for it (its message and whom it goes to: the members at
    /// that Seq), or neither (not a member).
    /// </summary>
    private sealed record Outcome(Pending Pending, ServiceResult<StoredMessage>? Result, NewRow? Written);

    /// <summary>Stops taking sends and stores every one accepted before.</summary>
    public async ValueTask DisposeAsync()
    {
        Stop();
        await _loop;
    }

    private sealed class Pending(NewMessage message)
    {
        private const int Queued = 0, Taken = 1, Withdrawn = 2;
        private int _state;

        public NewMessage Message { get; } = message;

        /// <summary>Taken from the send limit already, so a retry of a failed batch does not charge it twice.</summary>
        public bool Charged { get; set; }

        public TaskCompletionSource<ServiceResult<StoredMessage>> Done { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The writer's claim; false when the caller gave up first (the message is never stored).</summary>
        public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

        /// <summary>The caller's claim at its deadline; false when a batch has it already.</summary>
        public bool TryWithdraw() => Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued;
    }
}
