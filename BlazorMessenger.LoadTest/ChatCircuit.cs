using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.LoadTest;

/// <summary>
/// One open chat, headless: the circuit blazor.web.js would start for a prerendered chat page, over SignalR with the
/// blazorpack protocol. It acknowledges every render batch, answers every JavaScript call, and sends a message the way
/// the page's composer does (typing reported to the composer, the text handed to the outbox's .NET sender). Everything is
/// asynchronous: thousands share the thread pool.
/// </summary>
public sealed partial class ChatCircuit : IAsyncDisposable
{
    private const string OutboxModule = "Composer.Text.js";
    private const string ComposerModule = "Composer.razor.js";
    private const string LogModule = "MessageLog.razor.js";

    private static readonly HttpClient Beacon = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly HubConnection _hub;
    private readonly PrerenderedPage _page;
    private readonly Uri _baseUri;
    private string? _circuitId;
    private readonly ConcurrentDictionary<long, string> _modules = new();
    private readonly ConcurrentDictionary<string, long> _handedObjects = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string?>> _dotNetCalls = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Expected> _expected = [];
    private long _nextJsObject;
    private long _nextCall;
    private long _seen;
    private volatile bool _disposing;

    private ChatCircuit(HubConnection hub, PrerenderedPage page, Uri baseUri)
    {
        _hub = hub;
        _page = page;
        _baseUri = baseUri;
    }

    public long ConversationId => _page.ConversationId ?? throw new InvalidOperationException("The page has no composer.");

    /// <summary>What this circuit received and answered, for the load figures.</summary>
    public CircuitCounters Counters { get; } = new();

    /// <summary>The first error the circuit reported (JS.Error) or the reason its connection closed; null while healthy.</summary>
    public string? Failure { get; private set; }

    /// <summary>
    /// Connects to the app's Blazor hub with the signed-in person's cookies and starts the circuit for the prerendered
    /// page, as blazor.web.js does in .NET 10: StartCircuit with no components, then UpdateRootComponents adding every
    /// prerendered server component with the persisted state. Returns once the composer's outbox is connected.
    /// </summary>
    public static async Task<ChatCircuit> StartAsync(Uri pageUri, string html, System.Net.CookieContainer cookies, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var page = PrerenderedPage.Parse(html);
        if (page.ServerComponents.Count == 0)
        {
            throw new InvalidOperationException($"{pageUri} has no interactive server components (was the person signed in?).");
        }

        var baseUri = new Uri(pageUri, "/");
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), options =>
            {
                // Straight to the WebSocket, with the cookies: no negotiate request, no per-connection HTTP client.
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.Cookies = cookies;
            });
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var circuit = new ChatCircuit(builder.Build(), page, baseUri);
        try
        {
            circuit.Listen();
            await circuit._hub.StartAsync(cancellationToken);
            var id = circuit._circuitId = await circuit._hub.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), pageUri.ToString(), "[]", "", cancellationToken);
            if (string.IsNullOrEmpty(id))
            {
                throw new InvalidOperationException($"The server refused to start a circuit for {pageUri}: {circuit.Failure}");
            }

            await circuit._hub.SendAsync("UpdateRootComponents", page.AddOperationsJson(), page.PersistedState, cancellationToken);
            await circuit._ready.Task.WaitAsync(timeout, cancellationToken);
            return circuit;
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends a message as the composer does when Enter is pressed: the composer reports typing, the outbox hands the text
    /// with a new client message id to the circuit's sender, and the answer says whether it was stored.
    /// </summary>
    public async Task<bool> SendAsync(string text, CancellationToken cancellationToken)
    {
        if (_handedObjects.TryGetValue(ComposerModule, out var composer))
        {
            Forget(InvokeDotNetAsync(composer, "ReportTypingAsync", "[]", cancellationToken));
        }

        var outbox = _handedObjects[OutboxModule];
        var args = JsonSerializer.Serialize(new object?[] { Guid.NewGuid().ToString(), ConversationId, text, null });
        var answer = await InvokeDotNetAsync(outbox, "SendAsync", args, cancellationToken);
        using var outcome = JsonDocument.Parse(answer ?? "null");
        return outcome.RootElement.ValueKind == JsonValueKind.Object && outcome.RootElement.GetProperty("stored").GetBoolean();
    }

    /// <summary>Whether the composer's script has been handed its .NET object (it may come after the outbox's).</summary>
    public bool HasComposer => _handedObjects.ContainsKey(ComposerModule);

    /// <summary>One "is typing" report, as the composer sends on a key press, answered once the server has handled it.</summary>
    public Task ReportTypingAsync(CancellationToken cancellationToken) =>
        InvokeDotNetAsync(_handedObjects[ComposerModule], "ReportTypingAsync", "[]", cancellationToken);

    /// <summary>
    /// Completes with the Stopwatch timestamp of the first render batch that adds a message (a <c>data-seq</c>
    /// attribute) and whose strings contain the text: the log's bubble, not the conversation list's preview.
    /// </summary>
    public Task<long> ExpectAsync(string text, CancellationToken cancellationToken)
    {
        var expected = new Expected(Encoding.UTF8.GetBytes(text));
        lock (_expected)
        {
            _expected.Add(expected);
        }

        expected.Registration = cancellationToken.Register(() =>
        {
            lock (_expected)
            {
                _expected.Remove(expected);
            }

            expected.Arrived.TrySetCanceled(cancellationToken);
        });
        return expected.Arrived.Task;
    }

    /// <summary>
    /// Ends the circuit as a closing tab does: the goodbye beacon (blazor.web.js posts the circuit id to
    /// _blazor/disconnect on unload) lets the server dispose it at once, then the connection closes.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        try
        {
            if (_circuitId is not null)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var goodbye = new FormUrlEncodedContent([new("circuitId", _circuitId)]);
                using var _ = await Beacon.PostAsync(new Uri(_baseUri, "_blazor/disconnect"), goodbye, quick.Token);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // A page that cannot say goodbye leaves its circuit to the server's retention, as a crashed tab does.
        }
        finally
        {
            try
            {
                await _hub.DisposeAsync();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Already closed by the server.
            }
        }

        lock (_expected)
        {
            foreach (var expected in _expected)
            {
                expected.Arrived.TrySetCanceled();
            }
        }
    }

    private async Task<string?> InvokeDotNetAsync(long dotNetObjectId, string method, string argsJson, CancellationToken cancellationToken)
    {
        var callId = Interlocked.Increment(ref _nextCall);
        var answer = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _dotNetCalls[callId] = answer;
        try
        {
            await _hub.SendAsync("BeginInvokeDotNetFromJS", callId.ToString(), null, method, dotNetObjectId, argsJson, cancellationToken);
        }
        catch
        {
            _dotNetCalls.TryRemove(callId, out _);
            throw;
        }

        using var abandon = cancellationToken.Register(() =>
        {
            _dotNetCalls.TryRemove(callId, out var _);
            answer.TrySetCanceled(cancellationToken);
        });
        return await answer.Task;
    }

    /// <summary>A call whose answer nobody waits for (typing, seen): a failure is the circuit's, reported by <see cref="Failure"/>.</summary>
    private static void Forget(Task call) => call.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);

    private sealed record Expected(byte[] Utf8)
    {
        public TaskCompletionSource<long> Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private static long Now => Stopwatch.GetTimestamp();
}

/// <summary>Counts one circuit's traffic (fields, for Interlocked).</summary>
public sealed class CircuitCounters
{
    public long Batches;
    public long JsCalls;
}
