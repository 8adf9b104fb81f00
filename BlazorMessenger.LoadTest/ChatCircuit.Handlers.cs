using Microsoft.AspNetCore.SignalR.Client;

namespace BlazorMessenger.LoadTest;

/// <summary>What the server sends a circuit's page, and how a headless page answers (CircuitManager.ts in blazor.web.js).</summary>
public sealed partial class ChatCircuit
{
    private void Listen()
    {
        _hub.On("JS.RenderBatch", [typeof(long), typeof(byte[])], (args, _) => OnRenderBatchAsync((long)args[0]!, (byte[])args[1]!), this);
        _hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)],
            (args, _) => OnBeginInvokeJsAsync(new JsCall((long)args[0]!, (string)args[1]!, (string?)args[2], (int)args[3]!, (long)args[4]!)), this);
        _hub.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], (args, _) =>
        {
            if (_dotNetCalls.TryRemove(long.Parse((string)args[0]!), out var call))
            {
                if ((bool)args[1]!)
                {
                    call.TrySetResult((string?)args[2]);
                }
                else
                {
                    call.TrySetException(new InvalidOperationException($"The circuit's .NET method failed: {args[2]}"));
                }
            }

            return Task.CompletedTask;
        }, this);
        _hub.On("JS.AttachComponent", [typeof(int), typeof(string)], (_, _) => Task.CompletedTask, this);
        _hub.On("JS.EndUpdateRootComponents", [typeof(long)], (_, _) => Task.CompletedTask, this);
        _hub.On("JS.Error", [typeof(string)], (args, _) =>
        {
            Fail($"The circuit failed: {args[0]}");
            return Task.CompletedTask;
        }, this);
        _hub.Closed += error =>
        {
            Fail($"The connection closed: {error?.Message ?? "by the server"}");
            return Task.CompletedTask;
        };
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        var arrived = Now;
        Interlocked.Increment(ref Counters.Batches);
        var batch = new RenderBatch(data);
        var newest = batch.MaxAttributeNumber("data-seq"u8);
        lock (_expected)
        {
            if (_expected.Count > 0 && newest >= 0)
            {
                for (var i = _expected.Count - 1; i >= 0; i--)
                {
                    if (batch.Contains(_expected[i].Utf8))
                    {
                        _expected[i].Arrived.TrySetResult(arrived);
                        _expected[i].Registration.Unregister();
                        _expected.RemoveAt(i);
                    }
                }
            }
        }

        if (newest > Interlocked.Read(ref _seen) && _handedObjects.TryGetValue(LogModule, out var log))
        {
            // A tab in view at the newest message reports what it shows (MessageLog.razor.js), and so sends receipts.
            Interlocked.Exchange(ref _seen, newest);
            Forget(InvokeDotNetAsync(log, "MarkSeenAsync", $"[{newest}]", CancellationToken.None));
        }

        // The server sends at most a few batches ahead of the last acknowledged one: every batch is acknowledged, as the
        // page does once it has applied it to the DOM.
        await _hub.SendAsync("OnRenderCompleted", batchId, null);
    }

    private async Task OnBeginInvokeJsAsync(JsCall call)
    {
        Interlocked.Increment(ref Counters.JsCalls);
        var module = call.TargetInstanceId == 0 ? null : _modules.GetValueOrDefault(call.TargetInstanceId);
        if (call.Identifier.EndsWith("disposeJSObjectReferenceById", StringComparison.Ordinal) && call.TargetInstanceId == 0)
        {
            _modules.TryRemove(call.FirstNumber(), out _);
        }

        foreach (var handed in call.DotNetObjects())
        {
            // The outbox's sender (Composer.Text.js "connect") and the composer's typing reports (Composer.razor.js).
            _handedObjects[module is null ? call.Identifier : Path.GetFileName(module)] = handed;
        }

        if (_handedObjects.ContainsKey(OutboxModule))
        {
            _ready.TrySetResult();
        }

        string result;
        if (call.ResultType == JsCall.ResultJsObjectReference)
        {
            var id = Interlocked.Increment(ref _nextJsObject);
            _modules[id] = call.Identifier == "import" ? call.FirstString() ?? "" : $"{module}:{call.Identifier}";
            result = $"{{\"__jsObjectId\":{id}}}";
        }
        else
        {
            result = call.ResultType == JsCall.ResultDefault ? PageAnswers.For(module, call.Identifier) : "null";
        }

        if (call.AsyncHandle != 0)
        {
            await _hub.SendAsync("EndInvokeJSFromDotNet", call.AsyncHandle, true, $"[{call.AsyncHandle},true,{result}]");
        }
    }

    private void Fail(string reason)
    {
        if (_disposing)
        {
            return;
        }

        Failure ??= reason;
        _ready.TrySetException(new InvalidOperationException(reason));
        foreach (var call in _dotNetCalls.Values)
        {
            call.TrySetException(new InvalidOperationException(reason));
        }
    }
}
