using System.Net.Http.Json;
using System.Text.Json;
using BlazorMessenger.Features.Push;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// A push service for the Web Push tests (TestSupport/Clients/push-service.js): it makes subscriptions as a browser
/// would (its own P-256 key pair and auth secret), checks each push's VAPID token (RFC 8292) and decrypts its payload
/// with npm's http_ece (RFC 8291), and answers as told (201, 410, 429, or never).
/// </summary>
public sealed class PushService : IAsyncDisposable
{
    private readonly NodeClient _node;
    private readonly HttpClient _http;

    private PushService(NodeClient node, string origin)
    {
        _node = node;
        _http = new HttpClient { BaseAddress = new Uri(origin) };
    }

    public static async Task<PushService> StartAsync()
    {
        var node = NodeClient.Start("push-service.js", new Dictionary<string, string>());
        for (var waited = 0; waited < 600 && !node.Lines.Any(l => l.StartsWith("listening ", StringComparison.Ordinal)) && !node.Exited.IsCompleted; waited++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var line = node.Lines.FirstOrDefault(l => l.StartsWith("listening ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"push-service.js did not start:\n{string.Join('\n', node.Lines)}");
        return new PushService(node, line["listening ".Length..]);
    }

    /// <summary>A new browser's subscription, as PushSubscription.toJSON() gives it.</summary>
    public async Task<PushKeys> SubscribeAsync()
    {
        using var answer = await _http.PostAsync("control/subscribe", null, TestContext.Current.CancellationToken);
        var json = await answer.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var keys = json.GetProperty("keys");
        return new PushKeys(json.GetProperty("endpoint").GetString()!, keys.GetProperty("p256dh").GetString()!, keys.GetProperty("auth").GetString()!);
    }

    /// <summary>How this endpoint answers from now on: a status (Retry-After with it), or never (hang).</summary>
    public async Task AnswerAsync(PushKeys subscription, int status = 201, string? retryAfter = null, bool hang = false)
    {
        var id = subscription.Endpoint[(subscription.Endpoint.LastIndexOf('/') + 1)..];
        using var answer = await _http.PostAsJsonAsync($"control/{id}", new { status, retryAfter, hang }, TestContext.Current.CancellationToken);
        answer.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<ReceivedPush>> ReceivedAsync()
    {
        var pushes = await _http.GetFromJsonAsync<JsonElement[]>("control/received", TestContext.Current.CancellationToken);
        return [.. pushes!.Select(p => new ReceivedPush(
            p.GetProperty("id").GetString()!, Text(p, "ttl"), Text(p, "urgency"), Text(p, "topic"), Text(p, "contentEncoding"),
            p.GetProperty("vapid").GetProperty("valid").GetBoolean(), Text(p.GetProperty("vapid"), "error"), Text(p.GetProperty("vapid"), "sub"),
            Text(p, "payload") is { } payload ? JsonDocument.Parse(payload).RootElement.Clone() : null, Text(p, "decryptError"),
            p.GetProperty("status").ValueKind == JsonValueKind.Number ? p.GetProperty("status").GetInt32() : null))];
    }

    /// <summary>The pushes this subscription received (answered or not).</summary>
    public async Task<IReadOnlyList<ReceivedPush>> ReceivedAsync(PushKeys subscription) =>
        [.. (await ReceivedAsync()).Where(p => subscription.Endpoint.EndsWith("/" + p.Id, StringComparison.Ordinal))];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _node.DisposeAsync();
    }
}

/// <summary>One push as the push service took it: its headers, whether its VAPID token held, and its decrypted payload.</summary>
public sealed record ReceivedPush(
    string Id, string? Ttl, string? Urgency, string? Topic, string? ContentEncoding, bool VapidValid, string? VapidError, string? Subject,
    JsonElement? Payload, string? DecryptError, int? Status)
{
    public string? Type => Payload?.GetProperty("type").GetString();
}
