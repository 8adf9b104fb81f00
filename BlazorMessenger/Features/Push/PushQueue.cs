using System.Threading.Channels;
using BlazorMessenger.Features.Chat;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Push;

/// <summary>Work for the push sender: a new message for its audience, or a person who read a conversation up to Seq.</summary>
public abstract record PushJob;

public sealed record MessagePushJob(ChatMessage Message, IReadOnlyCollection<string> Audience) : PushJob;

public sealed record ReadPushJob(string UserId, long ConversationId, long Seq) : PushJob;

/// <summary>
/// The hand-off from the writer (and the receipt writer) to the push sender: bounded, never waited on. The instance
/// whose writer stored a message is the one that pushes it, so with several instances each push goes out once. A full
/// queue drops the job (and counts it): open screens already have the message.
/// </summary>
public sealed class PushQueue(IOptions<PushOptions> options, ILogger<PushQueue> logger)
{
    private readonly Channel<PushJob> _jobs = Channel.CreateBounded<PushJob>(
        new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity)) { FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;
    private long _added;

    public ChannelReader<PushJob> Reader => _jobs.Reader;

    /// <summary>Jobs taken into the queue so far (the sender's Decided catches up with it).</summary>
    public long Added => Interlocked.Read(ref _added);

    /// <summary>Jobs dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Posted(ChatMessage message, IReadOnlyCollection<string> audience) => Add(new MessagePushJob(message, audience));

    public void Read(string userId, long conversationId, long seq) => Add(new ReadPushJob(userId, conversationId, seq));

    private void Add(PushJob job)
    {
        if (_jobs.Writer.TryWrite(job))
        {
            Interlocked.Increment(ref _added);
        }
        else if (Interlocked.Increment(ref _dropped) % 1000 == 1)
        {
            logger.LogWarning("The push queue is full; pushes are being dropped ({Dropped} so far).", Dropped);
        }
    }
}
