using System.Collections.Concurrent;

namespace BlazorMessenger.Features.Bots.Api;

/// <summary>
/// One getUpdates at a time per bot, as Telegram: a newer request ends the one still waiting, which answers 409
/// ("terminated by other getUpdates request"), so two copies of a bot never both take the same updates.
/// </summary>
public sealed class BotPolls
{
    private readonly ConcurrentDictionary<string, Poll> _current = new(StringComparer.Ordinal);

    public Poll Begin(string botId)
    {
        var poll = new Poll();
        Poll? older = null;
        _current.AddOrUpdate(botId, poll, (_, previous) =>
        {
            older = previous;
            return poll;
        });
        older?.Superseded.TrySetResult();
        return poll;
    }

    public void End(string botId, Poll poll) => _current.TryRemove(KeyValuePair.Create(botId, poll));

    /// <summary>Whether a getUpdates of the bot is holding its request, waiting for an update.</summary>
    public bool IsWaiting(string botId) => _current.TryGetValue(botId, out var poll) && poll.Waiting;

    public sealed class Poll
    {
        public bool Waiting { get; set; }

        public TaskCompletionSource Superseded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
