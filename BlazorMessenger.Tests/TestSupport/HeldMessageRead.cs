using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// Holds the next read of messages, once armed, after SQLite has taken its snapshot and until released: a page read just
/// before a send commits, whose answer arrives after that send's event.
/// </summary>
public sealed class HeldMessageRead : DbCommandInterceptor
{
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    /// <summary>Holds the next read; the task completes once it is held.</summary>
    public Task ArmAsync()
    {
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _armed, 1);
        return _reached.Task;
    }

    public void Release() => _release.TrySetResult();

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (command.Transaction is null && command.CommandText.Contains("FROM \"Messages\"", StringComparison.Ordinal)
            && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _reached.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
        }

        return result;
    }
}
