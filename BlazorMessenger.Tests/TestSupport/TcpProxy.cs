using System.Net;
using System.Net.Sockets;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// A network between the browser and Kestrel that a test can break: Cut resets every open connection (the browser sees
/// its WebSocket die) and every new one; Stall stops carrying bytes but keeps connections open (a dead Wi-Fi); Restore
/// ends either; Retarget sends new connections to another server (a restart). Playwright's offline mode leaves open
/// WebSockets alone.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private IPEndPoint _target;
    private TaskCompletionSource _flowing = Flowing();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<Socket> _open = [];
    private readonly Task _accepting;
    private volatile bool _cut;

    public TcpProxy(Uri target)
    {
        _target = EndPoint(target);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Resets every connection through the proxy and every new one, until Restore.</summary>
    public void Cut()
    {
        _cut = true;
        Socket[] open;
        lock (_gate)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var socket in open)
        {
            Reset(socket);
        }
    }

    /// <summary>Holds every byte in both directions, on open and new connections, until Restore.</summary>
    public void Stall() => _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Restore()
    {
        _cut = false;
        _flowing.TrySetResult();
    }

    /// <summary>New connections go to another server from now on; open ones are reset.</summary>
    public void Retarget(Uri target)
    {
        _target = EndPoint(target);
        Cut();
        _cut = false;
    }

    private static IPEndPoint EndPoint(Uri target) => new(IPAddress.Parse(target.Host), target.Port);

    private static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (_cut)
            {
                Reset(client);
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            lock (_gate)
            {
                _open.Add(client);
                _open.Add(server);
            }

            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception)
        {
            // A reset or a stop ends the relay; the browser sees the connection fail, which is the point.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(server);
            }

            Reset(client);
            Reset(server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, _stop.Token);
            await _flowing.Task.WaitAsync(_stop.Token);
            if (read == 0)
            {
                to.Shutdown(SocketShutdown.Send);
                return;
            }

            await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stop.Dispose();
    }
}
