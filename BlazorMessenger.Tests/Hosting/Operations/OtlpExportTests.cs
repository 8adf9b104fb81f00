using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Hosting.Operations;

[Collection(MetricsEndpointTests.TelemetryTests)]
public sealed class OtlpExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_an_otlp_endpoint_set_request_and_send_spans_are_exported_there()
    {
        using var collector = new Collector();
        await using var app = new MessengerAppFactory(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        using var client = new FormClient(app.BaseUrl);
        var alice = await app.CreateUserAsync(BrowserPeople.NewUserName("otlp"));

        using var page = await client.GetAsync("/Account/Login");
        using var bot = await client.GetAsync("/bot123456:not-a-real-secret-but-kept-out/getMe");
        await app.Services.GetRequiredService<ChatService>().SendAsync(alice, 1, Guid.NewGuid(), "", ct: Ct);

        await collector.ReceivedAsync("/v1/traces", "GET /Account/Login");
        await collector.ReceivedAsync("/v1/traces", "message.send");
        await collector.ReceivedAsync("/v1/traces", "/bot***/getMe");
        Assert.DoesNotContain(collector.Bodies, b => b.Contains("not-a-real-secret", StringComparison.Ordinal));
    }

    /// <summary>An OTLP/HTTP receiver on a free loopback port that keeps what it was sent (span names are plain UTF-8 in protobuf).</summary>
    private sealed class Collector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, string Body)> _received = new();
        private readonly SemaphoreSlim _arrived = new(0);

        public Collector()
        {
            Url = $"http://127.0.0.1:{FreePort()}";
            _listener.Prefixes.Add(Url + "/");
            _listener.Start();
            _ = ReceiveAsync();
        }

        public string Url { get; }

        public IEnumerable<string> Bodies => _received.Select(r => r.Body);

        public async Task ReceivedAsync(string path, string text)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (!_received.Any(r => r.Path == path && r.Body.Contains(text, StringComparison.Ordinal)))
            {
                await _arrived.WaitAsync(timeout.Token);
            }
        }

        private async Task ReceiveAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _received.Enqueue((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.Close();
                _arrived.Release();
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public void Dispose()
        {
            _listener.Close();
            _arrived.Dispose();
        }
    }
}
