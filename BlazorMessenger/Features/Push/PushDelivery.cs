using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using BlazorMessenger.Data;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebPushSubscription = Lib.Net.Http.WebPush.PushSubscription;

namespace BlazorMessenger.Features.Push;

/// <summary>One subscription a push goes to.</summary>
public sealed record PushTarget(long Id, string UserId, string Endpoint, string P256dh, string Auth, string VapidKey);

/// <summary>
/// Hands pushes to the browsers' push services (RFC 8030) through Lib.Net.Http.WebPush, which encrypts each payload
/// to the browser's keys (RFC 8291, aes128gcm) and signs the request with the server's VAPID key (RFC 8292). A bounded
/// number are in flight; a 5xx, a 429 or a network failure is tried again with backoff (honouring Retry-After) up to
/// MaxAttempts; 404 and 410 mean the browser unsubscribed, so its row goes. Endpoints are logged by their host only.
/// </summary>
public sealed partial class PushDelivery : IDisposable
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);
    private readonly IDbContextFactory<ApplicationDbContext> _dbFactory;
    private readonly VapidKeys _keys;
    private readonly PushOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PushDelivery> _logger;
    private readonly HttpClient _http;
    private readonly PushServiceClient _client;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, byte> _used = new();
    private readonly ITimer _touching;
    private VapidAuthentication? _vapid;
    private long _delivered;
    private long _failed;
    private long _inFlight;

    public PushDelivery(
        IDbContextFactory<ApplicationDbContext> dbFactory, VapidKeys keys, IOptions<PushOptions> options, TimeProvider time, ILogger<PushDelivery> logger)
    {
        (_dbFactory, _keys, _options, _time, _logger) = (dbFactory, keys, options.Value, time, logger);
        _slots = new SemaphoreSlim(Math.Max(1, _options.Concurrency));
        _touching = time.CreateTimer(_ => _ = TouchAsync(), null, TouchInterval, TouchInterval);
        _http = new HttpClient(new RequestFixes(() => _vapid, new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(_options.TimeoutSeconds),
        }))
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client = new PushServiceClient(_http)
        {
            AutoRetryAfter = false,
            DefaultTimeToLive = _options.TimeToLiveSeconds,
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
        };
    }

    /// <summary>Pushes the push service accepted, and those that ended without (dropped after their tries, or refused).</summary>
    public (long Delivered, long Failed) Counts => (Interlocked.Read(ref _delivered), Interlocked.Read(ref _failed));

    /// <summary>Pushes on their way (waiting for a slot, for an answer or for their next try).</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Starts the push on its way; never waits for the push service.</summary>
    public void Send(PushTarget target, string payload, string topic, PushMessageUrgency urgency)
    {
        Interlocked.Increment(ref _inFlight);
        _ = DeliverAsync(target, payload, topic, urgency, attempt: 1).ContinueWith(_ => Interlocked.Decrement(ref _inFlight), TaskScheduler.Default);
    }

    private async Task DeliverAsync(PushTarget target, string payload, string topic, PushMessageUrgency urgency, int attempt)
    {
        TimeSpan? again = null;
        try
        {
            var vapid = await AuthenticationAsync();
            if (target.VapidKey != vapid.PublicKey)
            {
                // Made for a key pair this server no longer has: the push service would refuse it. The browser subscribes again.
                await DropAsync(target, "it was made for an earlier VAPID key");
                return;
            }

            await _slots.WaitAsync(_stopping.Token);
            try
            {
                using var timer = new CancellationTokenSource(TimeSpan.FromSeconds(_options.TimeoutSeconds), _time);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, timer.Token);
                var message = new PushMessage(payload) { Topic = topic, Urgency = urgency, TimeToLive = _options.TimeToLiveSeconds };
                await _client.RequestPushMessageDeliveryAsync(Subscription(target), message, vapid, timeout.Token);
                Interlocked.Increment(ref _delivered);
                _used.TryAdd(target.Id, 0);
                return;
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            await DropAsync(target, $"the push service answered {(int)ex.StatusCode}");
            return;
        }
        catch (PushServiceClientException ex) when ((int)ex.StatusCode >= 500 || ex.StatusCode == HttpStatusCode.TooManyRequests)
        {
            again = RetryAfter(ex.Headers) ?? Backoff(attempt);
            LogRetry(Host(target), (int)ex.StatusCode, attempt);
        }
        catch (PushServiceClientException ex)
        {
            Interlocked.Increment(ref _failed);
            LogRefused(Host(target), (int)ex.StatusCode, ex.Body);
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !_stopping.IsCancellationRequested)
        {
            again = Backoff(attempt);
            LogRetry(Host(target), 0, attempt);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failed);
            _logger.LogWarning(ex, "A push to {Host} failed.", Host(target));
            return;
        }

        if (attempt >= _options.MaxAttempts)
        {
            Interlocked.Increment(ref _failed);
            return;
        }

        try
        {
            await Task.Delay(again.Value, _time, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await DeliverAsync(target, payload, topic, urgency, attempt + 1);
    }

    private async Task<VapidAuthentication> AuthenticationAsync()
    {
        var pair = await _keys.GetAsync(_stopping.Token);
        if (_vapid is { } known && known.PublicKey == pair.PublicKey)
        {
            return known;
        }

        return _vapid = new VapidAuthentication(pair.PublicKey, pair.PrivateKey)
        {
            Subject = _options.VapidSubject,
            TokenCache = new TokenCache(),
        };
    }

    private static WebPushSubscription Subscription(PushTarget target)
    {
        var subscription = new WebPushSubscription { Endpoint = target.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, target.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, target.Auth);
        return subscription;
    }

    /// <summary>1, 2, 4… seconds, at most a minute.</summary>
    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(60, 1 << Math.Min(attempt - 1, 6)));

    private TimeSpan? RetryAfter(HttpResponseHeaders? headers) => headers?.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static string Host(PushTarget target) =>
        Uri.TryCreate(target.Endpoint, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "(not a URL)";

    [LoggerMessage(Level = LogLevel.Debug, Message = "A push to {Host} is tried again (answer {Status}, attempt {Attempt}).")]
    private partial void LogRetry(string host, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The push service at {Host} refused a push: {Status} {Body}.")]
    private partial void LogRefused(string host, int status, string? body);

    public void Dispose()
    {
        _touching.Dispose();
        _stopping.Cancel();
        _http.Dispose();
        _stopping.Dispose();
    }
}
