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

    public sealed class Poll
    {
        public TaskCompletionSource Superseded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
