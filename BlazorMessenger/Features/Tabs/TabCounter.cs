using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Tabs;

/// <summary>
/// Open tabs (circuits) per person, all of whose pages the server holds in memory: up to MaxPerUser, so that one
/// person's hundred forgotten tabs cannot crowd out everyone else's.
/// </summary>
public sealed class TabCounter(IOptions<CircuitLimitOptions> options)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int MaxPerUser => options.Value.MaxPerUser;

    /// <summary>Counts one more tab of the person, unless they have MaxPerUser open already (then nothing is counted).</summary>
    public bool TryOpen(string userId)
    {
        lock (_lock)
        {
            var open = _open.GetValueOrDefault(userId);
            if (open >= MaxPerUser)
            {
                return false;
            }

            _open[userId] = open + 1;
            return true;
        }
    }

    /// <summary>A tab counted by TryOpen has closed.</summary>
    public void Close(string userId)
    {
        lock (_lock)
        {
            if (_open.TryGetValue(userId, out var open) && open > 1)
            {
                _open[userId] = open - 1;
            }
            else
            {
                _open.Remove(userId);
            }
        }
    }

    public int OpenFor(string userId)
    {
        lock (_lock)
        {
            return _open.GetValueOrDefault(userId);
        }
    }
}
