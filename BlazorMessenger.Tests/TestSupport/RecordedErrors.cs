using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>Errors and warnings the app under test logged (a circuit that crashed, say), so a failing browser test can say why.</summary>
public sealed class RecordedErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _warnings = new();

    /// <summary>Errors and worse.</summary>
    public IReadOnlyCollection<string> All => _errors;

    public IReadOnlyCollection<string> Warnings => _warnings;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordedErrors owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                (logLevel >= LogLevel.Error ? owner._errors : owner._warnings).Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
