using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Accounts;

/// <summary>
/// Failed logins counted per account name and client address: after a few, that address waits a while for that name,
/// whether or not the account exists. Someone guessing from one place stops there, and the owner, logging in from
/// their own address, is not locked out by them. The account-wide lock (Identity's lockout) comes only after many more
/// failures from many addresses.
/// </summary>
public sealed class LoginThrottle(IOptions<AccountOptions> options, TimeProvider time)
{
    private readonly Dictionary<(string Name, string Address), Entry> _entries = [];
    private readonly Lock _lock = new();

    private AccountOptions Limits => options.Value;

    public bool IsWaiting(string normalizedName, string address)
    {
        lock (_lock)
        {
            return _entries.TryGetValue((normalizedName, address), out var entry) && entry.Failures >= Limits.FailuresPerAddress
                && time.GetUtcNow() < entry.Until;
        }
    }

    public void Failed(string normalizedName, string address)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.Count > 10_000)
            {
                foreach (var stale in _entries.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList())
                {
                    _entries.Remove(stale);
                }
            }

            var key = (normalizedName, address);
            var failures = _entries.TryGetValue(key, out var entry) && now < entry.Until ? entry.Failures + 1 : 1;
            _entries[key] = new Entry(failures, now.AddMinutes(Limits.AddressWaitMinutes));
        }
    }

    public void Succeeded(string normalizedName, string address)
    {
        lock (_lock)
        {
            _entries.Remove((normalizedName, address));
        }
    }

    /// <summary>An admin unlocking an account clears every address's count for it too.</summary>
    public void Forget(string normalizedName)
    {
        lock (_lock)
        {
            foreach (var key in _entries.Keys.Where(k => k.Name == normalizedName).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private readonly record struct Entry(int Failures, DateTimeOffset Until);
}
